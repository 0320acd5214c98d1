namespace GrainMarket.Promoters;

/// <summary>
/// Keeps the <c>referral_codes</c> read model (each promoter's list) and <c>referral_clicks</c> (clicks per code and
/// UTC day, for the dashboard) in step with each code, in the same PostgreSQL transaction as the commit of its state.
/// </summary>
public sealed class ReferralCodeProjection : IStateProjection<ReferralCodeState>
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO referral_codes (code, promoter_id, product_id, active, clicks, created_at)
        SELECT code, promoter_id, product_id::uuid, active, clicks, created_at
        FROM unnest($1::text[], $2::uuid[], $3::text[], $4::boolean[], $5::bigint[], $6::timestamptz[])
            AS c(code, promoter_id, product_id, active, clicks, created_at)
        ON CONFLICT (code) DO UPDATE SET active = excluded.active, clicks = excluded.clicks
        """,
        typeof(string), typeof(Guid), typeof(string), typeof(bool), typeof(long), typeof(DateTimeOffset))
    {
        KeyColumns = 1,
    };

    private static readonly ProjectionRows Clicks = new(
        """
        INSERT INTO referral_clicks (code, day, promoter_id, clicks)
        SELECT code, day::date, promoter_id, clicks FROM unnest($1::text[], $2::text[], $3::uuid[], $4::bigint[]) AS c(code, day, promoter_id, clicks)
        ON CONFLICT (code, day) DO UPDATE SET clicks = excluded.clicks
        """,
        typeof(string), typeof(string), typeof(Guid), typeof(long))
    {
        KeyColumns = 2,
    };

    public void Project(StateProjectionContext context, ReferralCodeState? previous, ReferralCodeState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.PromoterId == Guid.Empty)
        {
            return;
        }

        var code = context.GrainId.Key.ToString()!;
        commands.Add(Upsert, code, state.PromoterId, state.ProductId?.ToString(), state.Active, state.Clicks, state.CreatedAt);
        foreach (var (day, clicks) in state.ClicksByDay.Where(d => previous?.ClicksByDay.GetValueOrDefault(d.Key) != d.Value))
        {
            commands.Add(Clicks, code, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), state.PromoterId, clicks);
        }
    }
}
