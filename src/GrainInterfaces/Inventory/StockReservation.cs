namespace GrainMarket.Inventory;

/// <summary>One reservation of a product's units and the stock levels after the call that answered it.</summary>
[GenerateSerializer, Immutable, Alias("gm.inventory.StockReservation")]
public sealed record StockReservation(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] long Quantity,
    [property: Id(2)] ReservationStatus Status,
    [property: Id(3)] StockLevels Levels);
