using GrainMarket.Orders;

namespace GrainMarket.Promoters;

/// <summary>
/// The promoter dashboard's order side, written with the order's row (<see cref="OrderProjection"/>) in the same
/// commit as its state: <c>referred_orders</c> (one row per referred order: its status, expected, paid and clawed-back
/// commission) and <c>commission_events</c> (a payment at completion, a clawback per refund after it, each on its day).
/// </summary>
public static class ReferralProjection
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO referred_orders (order_id, promoter_id, code, placed_at, status, expected, paid, clawed_back, debt)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
        ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, paid = excluded.paid, clawed_back = excluded.clawed_back, debt = excluded.debt
        """,
        typeof(Guid), typeof(Guid), typeof(string), typeof(DateTimeOffset), typeof(string), typeof(long), typeof(long), typeof(long), typeof(long))
    {
        KeyColumns = 1,
    };

    private static readonly ProjectionRows Event = new(
        """
        INSERT INTO commission_events (order_id, entry, promoter_id, kind, amount, at)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[])
        ON CONFLICT (order_id, entry) DO NOTHING
        """,
        typeof(Guid), typeof(string), typeof(Guid), typeof(string), typeof(long), typeof(DateTimeOffset));

    public static void Project(Guid orderId, OrderState? previous, OrderState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Referral is not { } referral || (previous?.Referral == referral && previous.Status == state.Status))
        {
            return;
        }

        var clawbacks = referral.Clawbacks ?? [];
        commands.Add(Upsert, orderId, referral.PromoterId, referral.Code, state.CreatedAt, state.Status, referral.Expected, referral.Paid, referral.ClawedBack, clawbacks.Sum(c => c.Debt));
        if (referral.PaidAt is { } paidAt && previous?.Referral?.PaidAt is null)
        {
            commands.Add(Event, orderId, "paid", referral.PromoterId, "paid", referral.Paid, paidAt);
        }

        foreach (var clawback in clawbacks.Where(c => previous?.Referral?.Clawbacks?.Contains(c) != true))
        {
            commands.Add(Event, orderId, $"clawback:{clawback.ReturnId:N}", referral.PromoterId, "clawback", clawback.Amount, clawback.At);
        }
    }
}
