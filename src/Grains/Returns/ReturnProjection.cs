namespace GrainMarket.Returns;

/// <summary>Keeps the <c>returns</c> read model (the lists of buyers, sellers, couriers and admins) in step with each return, in the same PostgreSQL transaction as its commit.</summary>
public sealed class ReturnProjection : IStateProjection<ReturnState>
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO returns (id, order_id, buyer_id, seller_id, courier_id, status, value, refunded, item_count, created_at, updated_at)
        SELECT id, order_id, buyer_id, seller_id, courier_id::uuid, status, value, refunded, item_count, created_at, now()
        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::int[], $10::timestamptz[])
            AS r(id, order_id, buyer_id, seller_id, courier_id, status, value, refunded, item_count, created_at)
        ON CONFLICT (id) DO UPDATE SET courier_id = excluded.courier_id, status = excluded.status, refunded = excluded.refunded, updated_at = now()
        """,
        typeof(Guid), typeof(Guid), typeof(Guid), typeof(Guid), typeof(string), typeof(string), typeof(long), typeof(long), typeof(int), typeof(DateTimeOffset))
    {
        KeyColumns = 1,
    };

    public void Project(StateProjectionContext context, ReturnState? previous, ReturnState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(
            Upsert,
            context.GrainId.GetGuidKey(),
            state.OrderId,
            state.BuyerId,
            state.SellerId,
            state.CourierId?.ToString(),
            state.Status,
            state.Lines.Sum(l => l.LineTotal),
            state.Refund?.Amount ?? 0,
            state.Lines.Sum(l => l.Quantity),
            state.CreatedAt);
    }
}
