using GrainMarket.Runtime.Projections;

namespace GrainMarket.Inventory;

/// <summary>Keeps <c>product_stock</c> (one row per product) in step with each committed stock change.</summary>
public sealed class ProductStockProjection() : StateProjection<ProductStockState>("product-stock", "stock")
{
    private static readonly ProjectionRows Upsert = new(
        """
        INSERT INTO product_stock (product_id, available, reserved, sold, written_off, received)
        SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
        ON CONFLICT (product_id) DO UPDATE SET
            available = excluded.available, reserved = excluded.reserved, sold = excluded.sold,
            written_off = excluded.written_off, received = excluded.received
        """,
        typeof(Guid), typeof(long), typeof(long), typeof(long), typeof(long), typeof(long));

    public override void Project(string grainKey, ProductStockState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Initialized)
        {
            commands.Add(Upsert, Guid.ParseExact(grainKey, "N"), state.Available, state.Reserved, state.Sold, state.WrittenOff, state.Received);
        }
    }
}
