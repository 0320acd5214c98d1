namespace GrainMarket.Inventory;

/// <summary>One reservation of a product's units and the stock levels after the call that answered it.</summary>
public sealed record StockReservation(string ReservationId, long Quantity, ReservationStatus Status, StockLevels Levels);
