using GrainMarket.Runtime.Projections;

namespace GrainMarket.Wallets;

/// <summary>The <c>withdrawals</c> read model (the admin's list), written in the commit of each withdrawal's state.</summary>
public sealed class WithdrawalProjection() : StateProjection<WithdrawalState>("withdrawal", "withdrawal")
{
    private const string Upsert =
        """
        INSERT INTO withdrawals (id, wallet_id, amount, status, requested_at, resolved_at)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, resolved_at = excluded.resolved_at
        """;

    public override void Project(string grainKey, WithdrawalState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(Upsert, Guid.ParseExact(grainKey, "N"), state.WalletId, state.Amount, state.Status, state.RequestedAt, state.ResolvedAt);
    }
}
