using GrainMarket.Runtime.Projections;

namespace GrainMarket.Inventory;

/// <summary>Keeps <c>product_stock</c> (one row per product) in step with each committed stock change.</summary>
public sealed class ProductStockProjection() : StateProjection<ProductStockState>("product-stock", "stock")
{
    private const string UpsertSql = """
        INSERT INTO product_stock (product_id, available, reserved, sold, written_off, received)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (product_id) DO UPDATE SET
            available = excluded.available, reserved = excluded.reserved, sold = excluded.sold,
            written_off = excluded.written_off, received = excluded.received
        """;

    public override void Project(string grainKey, ProductStockState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Initialized)
        {
            commands.Add(UpsertSql, Guid.ParseExact(grainKey, "N"), state.Available, state.Reserved, state.Sold, state.WrittenOff, state.Received);
        }
    }
}
