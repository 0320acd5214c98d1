namespace GrainMarket.Orders;

/// <summary>
/// Keeps the <c>orders</c> read model (buyer and seller lists, the auction an order settles) and its
/// <c>order_lines</c> in step with each order, in the same PostgreSQL transaction as the commit of its <c>order</c>
/// state.
/// </summary>
/// <remarks>
/// The order's row is derived from the whole committed state: when one store confirms several of the order's
/// transactions, it simply takes the newest. Its lines are fixed when the order is placed, so they are written by the
/// store that confirms the placement, found by the difference from <c>previous</c> (not yet placed, now placed). The
/// history entries a transaction added become the order's live-tracking events (<see cref="OrderTrackingProjection"/>)
/// and its sellers' analytics (<see cref="OrderAnalyticsProjection"/>, which needs the platform fee of <paramref name="settings"/>).
/// </remarks>
public sealed class OrderProjection(OrderSettings settings) : IStateProjection<OrderState>
{
    /// <summary>
    /// Seller ids travel as one comma-separated text per order (an array column cannot be unnested as arrays), and the
    /// auction id as text, null for a checkout. The couriers' columns (<see cref="GrainMarket.Delivery.OrderDeliveryProjection"/>)
    /// go in the same statement: one write of the order's row per store.
    /// </summary>
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO orders (id, buyer_id, seller_ids, status, total, item_count, created_at, updated_at, auction_id,
                            courier_id, pickup_ready, ship_city, ship_region, ship_postal_code, ship_latitude, ship_longitude, delivered_at)
        SELECT id, buyer_id, string_to_array(seller_ids, ',')::uuid[], status, total, item_count, created_at, now(), auction_id::uuid,
               courier_id::uuid, pickup_ready, city, region, postal_code, latitude::double precision, longitude::double precision, delivered_at::timestamptz
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::int[], $7::timestamptz[], $8::text[],
                    $9::text[], $10::boolean[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
            AS o(id, buyer_id, seller_ids, status, total, item_count, created_at, auction_id,
                 courier_id, pickup_ready, city, region, postal_code, latitude, longitude, delivered_at)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = now(),
            courier_id = excluded.courier_id, pickup_ready = excluded.pickup_ready, ship_city = excluded.ship_city,
            ship_region = excluded.ship_region, ship_postal_code = excluded.ship_postal_code, ship_latitude = excluded.ship_latitude,
            ship_longitude = excluded.ship_longitude, delivered_at = excluded.delivered_at
        """,
        [typeof(Guid), typeof(Guid), typeof(string), typeof(string), typeof(long), typeof(int), typeof(DateTimeOffset), typeof(string), .. GrainMarket.Delivery.OrderDeliveryProjection.ColumnTypes]);

    /// <summary>An order's lines, numbered from 1 in the order's own order; an auction's order has one, whose product id is the auction's.</summary>
    private static readonly ProjectionRows Lines = new(
        """
        INSERT INTO order_lines (order_id, line, product_id, seller_id, quantity, unit_price)
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::uuid[], $5::int[], $6::bigint[])
        ON CONFLICT (order_id, line) DO NOTHING
        """,
        typeof(Guid), typeof(int), typeof(Guid), typeof(Guid), typeof(int), typeof(long));

    /// <summary>What refunds before settlement took out of the order's hold (db/0019), once the order has returns.</summary>
    private static readonly ProjectionRows Refunded = new(
        "UPDATE orders o SET refunded = r.refunded FROM unnest($1::uuid[], $2::bigint[]) AS r(id, refunded) WHERE o.id = r.id",
        typeof(Guid), typeof(long))
    {
        KeyColumns = 1,
    };

    /// <summary>The units of a line that refunded returns took back (db/0019): no longer reserved or sold by the order.</summary>
    private static readonly ProjectionRows Returned = new(
        """
        UPDATE order_lines l SET returned = r.returned
        FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS r(order_id, product_id, returned)
        WHERE l.order_id = r.order_id AND l.product_id = r.product_id
        """,
        typeof(Guid), typeof(Guid), typeof(int))
    {
        KeyColumns = 2,
    };

    public void Project(StateProjectionContext context, OrderState? previous, OrderState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        var orderId = context.GrainId.GetGuidKey();
        commands.Add(
            Upsert,
            [
                orderId,
                state.BuyerId,
                string.Join(',', state.Lines.Select(l => l.SellerId).Distinct()),
                state.Status,
                state.Total,
                state.Lines.Sum(l => l.Quantity),
                state.CreatedAt,
                state.AuctionId?.ToString(),
                .. GrainMarket.Delivery.OrderDeliveryProjection.Columns(state),
            ]);

        if (previous?.Status is null)
        {
            for (var i = 0; i < state.Lines.Count; i++)
            {
                var line = state.Lines[i];
                commands.Add(Lines, orderId, i + 1, line.ProductId, line.SellerId, line.Quantity, line.UnitPrice);
            }
        }

        if (state.Returns.Count > 0 || state.Refunds.Count > 0)
        {
            commands.Add(Refunded, orderId, state.RefundedFromHold);
            foreach (var line in state.Lines)
            {
                commands.Add(Returned, orderId, line.ProductId, state.Returns.Values.Where(r => r.TookBack).SelectMany(r => r.Lines).Where(l => l.ProductId == line.ProductId).Sum(l => l.Quantity));
            }
        }

        OrderTrackingProjection.Project(orderId, previous, state, commands);
        Promoters.ReferralProjection.Project(orderId, previous, state, commands);
        OrderAnalyticsProjection.Project(orderId, previous, state, settings.PlatformFeeBps, commands);
    }
}
