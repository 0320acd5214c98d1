namespace GrainMarket.Orders;

[GenerateSerializer, Immutable, Alias("gm.orders.ShippingAddress")]
public sealed record ShippingAddress(
    [property: Id(0)] string Line1,
    [property: Id(1)] string City,
    [property: Id(2)] string Region,
    [property: Id(3)] string PostalCode,
    [property: Id(4)] string Country);
