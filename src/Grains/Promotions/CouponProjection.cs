namespace GrainMarket.Promotions;

/// <summary>
/// Keeps the <c>coupons</c> read model (the admins' and each seller's lists) and <c>coupon_redemptions</c> (which order
/// used which coupon) in step with each coupon, in the same PostgreSQL transaction as the commit of its state.
/// </summary>
public sealed class CouponProjection : IStateProjection<CouponState>
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO coupons (code, funded_by, seller_id, percent_off, amount_off, max_discount, min_order, starts_at, ends_at,
                             total_limit, per_user_limit, active, used, created_at, updated_at)
        SELECT code, funded_by, seller_id::uuid, percent_off, amount_off, max_discount::bigint, min_order, starts_at::timestamptz,
               ends_at::timestamptz, total_limit::int, per_user_limit::int, active, used, created_at, now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::bigint[], $8::text[], $9::text[],
                    $10::text[], $11::text[], $12::boolean[], $13::int[], $14::timestamptz[])
            AS c(code, funded_by, seller_id, percent_off, amount_off, max_discount, min_order, starts_at, ends_at,
                 total_limit, per_user_limit, active, used, created_at)
        ON CONFLICT (code) DO UPDATE SET ends_at = excluded.ends_at, total_limit = excluded.total_limit, active = excluded.active,
            used = excluded.used, updated_at = now()
        """,
        typeof(string), typeof(string), typeof(string), typeof(int), typeof(long), typeof(string), typeof(long), typeof(string), typeof(string),
        typeof(string), typeof(string), typeof(bool), typeof(int), typeof(DateTimeOffset))
    {
        KeyColumns = 1,
    };

    private static readonly ProjectionRows Redeemed = new(
        """
        INSERT INTO coupon_redemptions (code, order_id, buyer_id, redeemed_at)
        SELECT code, order_id, buyer_id, now() FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS r(code, order_id, buyer_id)
        ON CONFLICT (code, order_id) DO NOTHING
        """,
        typeof(string), typeof(Guid), typeof(Guid));

    private static readonly ProjectionRows Released = new(
        "DELETE FROM coupon_redemptions r USING unnest($1::text[], $2::uuid[]) AS g(code, order_id) WHERE r.code = g.code AND r.order_id = g.order_id",
        typeof(string), typeof(Guid));

    public void Project(StateProjectionContext context, CouponState? previous, CouponState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Terms is not { } terms)
        {
            return;
        }

        var code = context.GrainId.Key.ToString()!;
        commands.Add(
            Upsert,
            [
                code,
                terms.FundedBy,
                terms.SellerId?.ToString(),
                terms.Cut.PercentOff,
                terms.Cut.AmountOff,
                terms.MaxDiscount?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                terms.MinOrder,
                terms.StartsAt?.ToString("O"),
                terms.EndsAt?.ToString("O"),
                terms.TotalLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                terms.PerUserLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                state.Active,
                state.Uses.Count,
                state.CreatedAt,
            ]);
        var before = previous?.Uses ?? [];
        foreach (var (orderId, buyerId) in state.Uses.Where(u => !before.ContainsKey(u.Key)))
        {
            commands.Add(Redeemed, code, orderId, buyerId);
        }

        foreach (var orderId in before.Keys.Where(o => !state.Uses.ContainsKey(o)))
        {
            commands.Add(Released, code, orderId);
        }
    }
}
