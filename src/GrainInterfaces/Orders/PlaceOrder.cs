namespace GrainMarket.Orders;

/// <summary>
/// A checkout: the buyer, the lines to buy (null: the buyer's cart) and where to ship them. Prices are never part of
/// it; the order snapshots them from the catalog.
/// </summary>
public sealed record PlaceOrder(Guid BuyerId, IReadOnlyList<CartLine>? Lines, ShippingAddress ShippingAddress);
