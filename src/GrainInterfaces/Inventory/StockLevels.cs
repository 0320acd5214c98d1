namespace GrainMarket.Inventory;

/// <summary>
/// A product's units: <see cref="Received"/> is every unit ever stocked and always equals
/// <see cref="Available"/> + <see cref="Reserved"/> + <see cref="Sold"/> + <see cref="WrittenOff"/>; none is ever negative.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.inventory.StockLevels")]
public sealed record StockLevels(
    [property: Id(0)] long Available,
    [property: Id(1)] long Reserved,
    [property: Id(2)] long Sold,
    [property: Id(3)] long WrittenOff,
    [property: Id(4)] long Received)
{
    public bool Conserved => Received == Available + Reserved + Sold + WrittenOff
        && Available >= 0 && Reserved >= 0 && Sold >= 0 && WrittenOff >= 0;
}
