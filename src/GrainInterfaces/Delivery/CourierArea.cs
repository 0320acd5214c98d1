namespace GrainMarket.Delivery;

/// <summary>
/// Where a courier picks up orders: a region and/or a postal-code prefix of the delivery address (at least one), and
/// the courier's current position (WGS 84 degrees), from which the nearest orders are listed first.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.delivery.CourierArea")]
public sealed record CourierArea(
    [property: Id(0)] string? Region,
    [property: Id(1)] string? PostalCodePrefix,
    [property: Id(2)] double Latitude,
    [property: Id(3)] double Longitude);
