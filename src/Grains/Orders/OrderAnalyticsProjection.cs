using GrainMarket.Promotions;

namespace GrainMarket.Orders;

/// <summary>
/// The sellers' analytics rollups (db/0035_analytics.sql, docs/analytics.md), added to the order's commit by
/// <see cref="OrderProjection"/>. Each transition the commit added counts once, on its UTC day: a history entry
/// (placed, cancelled, completed) keyed by its place in the history, and a return that became refunded keyed by the
/// return's id. The statement inserts the transition's key and adds its increments only if the key was new, so a store
/// projected again adds nothing.
/// </summary>
internal static class OrderAnalyticsProjection
{
    /// <summary>
    /// One row per seller (product id <see cref="Guid.Empty"/>) and per product of each transition, summed per day and
    /// key before the upserts, since one statement carries the rows of every order in a group commit and an upsert may
    /// touch a row only once. Rows go in key order so that two batches lock shared rows in the same order.
    /// </summary>
    private static readonly ProjectionRows Increments = new(
        """
        WITH input AS (
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::int[], $8::int[],
                                 $9::int[], $10::int[], $11::bigint[], $12::bigint[], $13::bigint[], $14::int[])
                AS f(order_id, transition, seller_id, product_id, buyer_id, at, placed, cancelled, orders, units, revenue, fees, refunds, refunded_units)
        ),
        applied AS (
            INSERT INTO analytics_transitions (order_id, transition)
            SELECT DISTINCT order_id, transition FROM input
            ON CONFLICT DO NOTHING
            RETURNING order_id, transition
        ),
        facts AS (
            SELECT i.*, (i.at AT TIME ZONE 'UTC')::date AS day FROM input i JOIN applied a USING (order_id, transition)
        ),
        sellers AS (
            INSERT INTO seller_daily AS d (seller_id, day, placed, cancelled, orders, units, revenue, fees, refunds, refunded_units)
            SELECT seller_id, day, sum(placed), sum(cancelled), sum(orders), sum(units), sum(revenue), sum(fees), sum(refunds), sum(refunded_units)
            FROM facts WHERE product_id = '00000000-0000-0000-0000-000000000000' GROUP BY seller_id, day ORDER BY seller_id, day
            ON CONFLICT (seller_id, day) DO UPDATE SET placed = d.placed + excluded.placed, cancelled = d.cancelled + excluded.cancelled,
                orders = d.orders + excluded.orders, units = d.units + excluded.units, revenue = d.revenue + excluded.revenue,
                fees = d.fees + excluded.fees, refunds = d.refunds + excluded.refunds, refunded_units = d.refunded_units + excluded.refunded_units
        ),
        buyers AS (
            INSERT INTO seller_buyer_daily AS b (seller_id, day, buyer_id, orders)
            SELECT seller_id, day, buyer_id, sum(orders)
            FROM facts WHERE product_id = '00000000-0000-0000-0000-000000000000' AND orders > 0 GROUP BY seller_id, day, buyer_id ORDER BY seller_id, day, buyer_id
            ON CONFLICT (seller_id, day, buyer_id) DO UPDATE SET orders = b.orders + excluded.orders
        )
        INSERT INTO seller_product_daily AS p (seller_id, product_id, day, placed, units, revenue, refunds, refunded_units)
        SELECT seller_id, product_id, day, sum(placed), sum(units), sum(revenue), sum(refunds), sum(refunded_units)
        FROM facts WHERE product_id <> '00000000-0000-0000-0000-000000000000' GROUP BY seller_id, day, product_id ORDER BY seller_id, day, product_id
        ON CONFLICT (seller_id, day, product_id) DO UPDATE SET placed = p.placed + excluded.placed, units = p.units + excluded.units,
            revenue = p.revenue + excluded.revenue, refunds = p.refunds + excluded.refunds, refunded_units = p.refunded_units + excluded.refunded_units
        """,
        typeof(Guid), typeof(string), typeof(Guid), typeof(Guid), typeof(Guid), typeof(DateTimeOffset), typeof(int), typeof(int),
        typeof(int), typeof(int), typeof(long), typeof(long), typeof(long), typeof(int));

    /// <summary>Adds the increments of what one transaction changed, from <paramref name="previous"/> to the placed <paramref name="state"/>.</summary>
    public static void Project(Guid orderId, OrderState? previous, OrderState state, int feeBps, ProjectionCommands commands)
    {
        var known = previous?.Status is null ? 0 : previous.History.Count;
        for (var i = known; i < state.History.Count; i++)
        {
            var e = state.History[i];
            var transition = $"h:{i + 1}";
            switch (e.Status)
            {
                case OrderStatuses.Placed:
                    foreach (var seller in state.Lines.GroupBy(l => l.SellerId))
                    {
                        commands.Add(Increments, orderId, transition, seller.Key, Guid.Empty, state.BuyerId, e.At, 1, 0, 0, 0, 0L, 0L, 0L, 0);
                        foreach (var line in seller)
                        {
                            commands.Add(Increments, orderId, transition, seller.Key, line.ProductId, state.BuyerId, e.At, 1, 0, 0, 0, 0L, 0L, 0L, 0);
                        }
                    }

                    break;
                case OrderStatuses.Cancelled:
                    foreach (var sellerId in state.Lines.Select(l => l.SellerId).Distinct())
                    {
                        commands.Add(Increments, orderId, transition, sellerId, Guid.Empty, state.BuyerId, e.At, 0, 1, 0, 0, 0L, 0L, 0L, 0);
                    }

                    break;
                case OrderStatuses.Completed:
                    foreach (var seller in state.Lines.GroupBy(l => l.SellerId))
                    {
                        var fee = Settlement.Fee(SalesAt(state, seller.Key, e.At, exclusive: false), feeBps);
                        commands.Add(Increments, orderId, transition, seller.Key, Guid.Empty, state.BuyerId, e.At, 0, 0, 1, seller.Sum(l => l.Quantity), seller.Sum(l => l.LineTotal), fee, 0L, 0);
                        foreach (var line in seller)
                        {
                            commands.Add(Increments, orderId, transition, seller.Key, line.ProductId, state.BuyerId, e.At, 0, 0, 0, line.Quantity, line.LineTotal, 0L, 0L, 0);
                        }
                    }

                    break;
            }
        }

        foreach (var (returnId, record) in state.Returns)
        {
            if (!record.TookBack || previous?.Returns.GetValueOrDefault(returnId)?.TookBack == true || record.Lines.Count == 0)
            {
                continue;
            }

            ProjectRefund(orderId, returnId, record, state, feeBps, commands);
        }
    }

    /// <summary>
    /// A refunded return: its value and units on the day it was decided, and, when it came after settlement, the fee the
    /// platform gave back (what settlement's fee on the seller's sales loses when they shrink by the return's value).
    /// </summary>
    private static void ProjectRefund(Guid orderId, Guid returnId, OrderReturnRecord record, OrderState state, int feeBps, ProjectionCommands commands)
    {
        var transition = $"r:{returnId:N}";
        var sellerId = record.Lines[0].SellerId;
        var at = record.ResolvedAt ?? state.History[^1].At;
        var completed = state.History.FirstOrDefault(e => e.Status == OrderStatuses.Completed);
        var feeBack = 0L;
        if (completed is not null && completed.At <= at)
        {
            var sales = SalesAt(state, sellerId, at, exclusive: true);
            feeBack = Settlement.Fee(sales, feeBps) - Settlement.Fee(sales - record.Lines.Sum(l => ValueOf(l, state)), feeBps);
        }

        commands.Add(Increments, orderId, transition, sellerId, Guid.Empty, state.BuyerId, at, 0, 0, 0, 0, 0L, -feeBack, record.Lines.Sum(l => l.LineTotal), record.Lines.Sum(l => l.Quantity));
        foreach (var line in record.Lines)
        {
            commands.Add(Increments, orderId, transition, sellerId, line.ProductId, state.BuyerId, at, 0, 0, 0, 0, 0L, 0L, line.LineTotal, line.Quantity);
        }
    }

    /// <summary>
    /// What settlement pays the seller on at <paramref name="at"/>: their lines less those taken back by returns refunded
    /// by then (before it, with <paramref name="exclusive"/>), each at <see cref="ValueOf"/>.
    /// </summary>
    private static long SalesAt(OrderState state, Guid sellerId, DateTimeOffset at, bool exclusive)
    {
        var sold = state.Lines.Where(l => l.SellerId == sellerId).Sum(l => ValueOf(l, state));
        var returned = state.Returns.Values
            .Where(r => r.TookBack && (r.ResolvedAt is not { } resolved || (exclusive ? resolved < at : resolved <= at)))
            .SelectMany(r => r.Lines).Where(l => l.SellerId == sellerId).Sum(l => ValueOf(l, state));
        return sold - returned;
    }

    /// <summary>A line's value to settlement: before a platform-funded coupon (the platform makes it up), after a seller's own.</summary>
    private static long ValueOf(OrderLine line, OrderState state) => state.Coupon?.FundedBy == CouponFunding.Platform ? line.Goods : line.LineTotal;
}
