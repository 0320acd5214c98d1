namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>
/// An order ready for pickup as couriers see it before claiming: where it goes by city, region and postal code, and
/// how far it is from the courier in metres (null when the buyer gave no position) — never the street, phone or
/// exact position.
/// </summary>
public sealed record AvailableOrder(Guid Id, string City, string Region, string PostalCode, long? DistanceMeters, int ItemCount, DateTimeOffset CreatedAt);
