namespace GrainMarket.Inventory;

/// <summary>Keeps <c>product_stock</c> (one row per product) in step with each store of a product's stock.</summary>
public sealed class ProductStockProjection : IStateProjection<ProductStockState>
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO product_stock (product_id, available, reserved, sold, written_off, received)
        SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
        ON CONFLICT (product_id) DO UPDATE SET
            available = excluded.available, reserved = excluded.reserved, sold = excluded.sold,
            written_off = excluded.written_off, received = excluded.received
        """,
        typeof(Guid), typeof(long), typeof(long), typeof(long), typeof(long), typeof(long))
    {
        KeyColumns = 1,
    };

    public void Project(StateProjectionContext context, ProductStockState? previous, ProductStockState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Initialized)
        {
            // A Guid-keyed grain's key is the Guid's "N" form.
            commands.Add(Upsert, Guid.ParseExact(context.GrainKey, "N"), state.Available, state.Reserved, state.Sold, state.WrittenOff, state.Received);
        }
    }
}
