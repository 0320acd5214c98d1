namespace GrainMarket.Wallets;

/// <summary>The <c>withdrawals</c> read model (the admin's list), written with each store of a withdrawal's state.</summary>
public sealed class WithdrawalProjection : IStateProjection<WithdrawalState>
{
    private const string Upsert =
        """
        INSERT INTO withdrawals (id, wallet_id, amount, status, requested_at, resolved_at)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, resolved_at = excluded.resolved_at
        """;

    public void Project(StateProjectionContext context, WithdrawalState? previous, WithdrawalState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        // A Guid-keyed grain's key is the Guid's "N" form.
        commands.Add(Upsert, Guid.ParseExact(context.GrainKey, "N"), state.WalletId, state.Amount, state.Status, state.RequestedAt, state.ResolvedAt);
    }
}
