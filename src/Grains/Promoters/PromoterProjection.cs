namespace GrainMarket.Promoters;

/// <summary>
/// Keeps the <c>promoter_accounts</c> read model (each promoter's debt and subscription, for the dashboard and the
/// admins) in step with the promoter's state, in the same PostgreSQL transaction as its commit.
/// </summary>
public sealed class PromoterProjection : IStateProjection<PromoterState>
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO promoter_accounts (promoter_id, debt, paid_until, renews, updated_at)
        SELECT promoter_id, debt, paid_until::timestamptz, renews, now()
        FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::boolean[]) AS p(promoter_id, debt, paid_until, renews)
        ON CONFLICT (promoter_id) DO UPDATE SET debt = excluded.debt, paid_until = excluded.paid_until, renews = excluded.renews, updated_at = now()
        """,
        typeof(Guid), typeof(long), typeof(string), typeof(bool))
    {
        KeyColumns = 1,
    };

    public void Project(StateProjectionContext context, PromoterState? previous, PromoterState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        commands.Add(Upsert, context.GrainId.GetGuidKey(), state.Debts.Sum(d => d.Amount), state.PaidUntil?.ToString("O"), state.Renews);
    }
}
