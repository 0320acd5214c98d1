namespace GrainMarket.Inventory;

/// <summary>
/// A product's units: <see cref="Received"/> is every unit ever stocked and always equals
/// <see cref="Available"/> + <see cref="Reserved"/> + <see cref="Sold"/> + <see cref="WrittenOff"/>; none is ever negative.
/// </summary>
public sealed record StockLevels(long Available, long Reserved, long Sold, long WrittenOff, long Received)
{
    public bool Conserved => Received == Available + Reserved + Sold + WrittenOff
        && Available >= 0 && Reserved >= 0 && Sold >= 0 && WrittenOff >= 0;
}
