using GrainMarket.Orders;

namespace GrainMarket.Addresses;

/// <summary>A saved address as its owner sees it.</summary>
[GenerateSerializer, Immutable, Alias("gm.addresses.AddressView")]
public sealed record AddressView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Label,
    [property: Id(2)] string Line1,
    [property: Id(3)] string City,
    [property: Id(4)] string Region,
    [property: Id(5)] string PostalCode,
    [property: Id(6)] string Country,
    [property: Id(7)] string? Phone,
    [property: Id(8)] double? Latitude,
    [property: Id(9)] double? Longitude,
    [property: Id(10)] Guid? ProvinceId,
    [property: Id(11)] Guid? CityId,
    [property: Id(12)] bool IsDefault,
    [property: Id(13)] DateTimeOffset CreatedAt)
{
    /// <summary>The copy an order keeps: later edits of the saved address do not reach it.</summary>
    public ShippingAddress ToShippingAddress() => new(Line1, City, Region, PostalCode, Country, Phone, Latitude, Longitude);
}
