namespace GrainMarket.Orders;

[GenerateSerializer, Immutable, Alias("gm.orders.CartLine")]
public sealed record CartLine([property: Id(0)] Guid ProductId, [property: Id(1)] int Quantity);
