using GrainMarket.Runtime.Projections;

namespace GrainMarket.Orders;

/// <summary>Keeps the <c>orders</c> read model (buyer and seller lists) in step with each order, in the same commit.</summary>
public sealed class OrderProjection() : StateProjection<OrderState>("order", "order")
{
    /// <summary>Seller ids travel as one comma-separated text per order (an array column cannot be unnested as arrays).</summary>
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO orders (id, buyer_id, seller_ids, status, total, item_count, created_at, updated_at)
        SELECT id, buyer_id, string_to_array(seller_ids, ',')::uuid[], status, total, item_count, created_at, now()
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::int[], $7::timestamptz[])
            AS o(id, buyer_id, seller_ids, status, total, item_count, created_at)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = now()
        """,
        typeof(Guid), typeof(Guid), typeof(string), typeof(string), typeof(long), typeof(int), typeof(DateTimeOffset));

    public override void Project(string grainKey, OrderState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(
            Upsert,
            Guid.Parse(grainKey),
            state.BuyerId,
            string.Join(',', state.Lines.Select(l => l.SellerId).Distinct()),
            state.Status,
            state.Total,
            state.Lines.Sum(l => l.Quantity),
            state.CreatedAt);
    }
}
