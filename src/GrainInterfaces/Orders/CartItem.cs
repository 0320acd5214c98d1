namespace GrainMarket.Orders;

/// <summary>
/// A cart line at current prices: <paramref name="UnitPrice"/> after a seller's discount or a running sale event,
/// <paramref name="ListPrice"/> the catalog's; <paramref name="Available"/> is what the product's stock can still sell.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.CartItem")]
public sealed record CartItem(
    [property: Id(0)] Guid ProductId,
    [property: Id(1)] string Title,
    [property: Id(2)] long UnitPrice,
    [property: Id(3)] int Quantity,
    [property: Id(4)] long LineTotal,
    [property: Id(5)] long Available,
    [property: Id(6)] long ListPrice = 0);
