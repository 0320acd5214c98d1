namespace GrainMarket.Orders;

/// <summary>
/// Where an order ships. <see cref="Phone"/> and the position (<see cref="Latitude"/>, <see cref="Longitude"/>, WGS 84
/// degrees, both or neither) are optional; only the order's assigned courier sees them, while the order is active.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.ShippingAddress")]
public sealed record ShippingAddress(
    [property: Id(0)] string Line1,
    [property: Id(1)] string City,
    [property: Id(2)] string Region,
    [property: Id(3)] string PostalCode,
    [property: Id(4)] string Country,
    [property: Id(5)] string? Phone = null,
    [property: Id(6)] double? Latitude = null,
    [property: Id(7)] double? Longitude = null);
