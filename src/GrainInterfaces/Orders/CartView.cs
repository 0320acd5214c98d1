namespace GrainMarket.Orders;

[GenerateSerializer, Alias("gm.orders.CartView")]
public sealed record CartView([property: Id(0)] IReadOnlyList<CartItem> Items, [property: Id(1)] long Total);
