namespace GrainMarket.Inventory;

/// <summary>
/// Mutable only inside a transaction's private copy; see <see cref="StockLevels"/> for the invariant. The reservations
/// are records of their own beside it (<see cref="ReservationRecord"/>), so that a product with many pending orders is
/// not rewritten whole at every checkout.
/// </summary>
public sealed class ProductStockState
{
    /// <summary>False until the product's first units were received: such a grain has no product behind it.</summary>
    public bool Initialized { get; set; }

    /// <summary>Whether new reservations are taken: only while the product is active.</summary>
    public bool Purchasable { get; set; }

    public long Available { get; set; }

    public long Reserved { get; set; }

    public long Sold { get; set; }

    public long WrittenOff { get; set; }

    public long Received { get; set; }

    public StockLevels Levels() => new(Available, Reserved, Sold, WrittenOff, Received);
}
