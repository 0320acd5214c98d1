namespace GrainMarket.Investors;

/// <summary>The <c>investors</c> read model (the admins' list with totals), written with each store of an investor's state.</summary>
public sealed class InvestorProjection : IStateProjection<InvestorState>
{
    private const string Upsert = """
        INSERT INTO investors (user_id, staked, shares_bps, paid_out, stakes, payouts, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (user_id) DO UPDATE SET staked = excluded.staked, shares_bps = excluded.shares_bps, paid_out = excluded.paid_out,
            stakes = excluded.stakes, payouts = excluded.payouts, updated_at = excluded.updated_at
        """;

    public void Project(StateProjectionContext context, InvestorState? previous, InvestorState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Stakes.Count == 0 && state.Payouts.Count == 0)
        {
            return;
        }

        // A Guid-keyed grain's key is the Guid's "N" form.
        commands.Add(Upsert, Guid.ParseExact(context.GrainKey, "N"), state.Staked, state.SharesBps, state.PaidOut, state.Stakes.Count, state.Payouts.Count, state.CreatedAt, state.UpdatedAt);
    }
}
