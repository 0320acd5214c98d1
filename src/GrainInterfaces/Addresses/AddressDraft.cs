namespace GrainMarket.Addresses;

/// <summary>
/// The fields of a saved address, as validated by the gateway. <see cref="Region"/> and <see cref="City"/> hold the
/// names of <see cref="ProvinceId"/> and <see cref="CityId"/> when the address names them, so that shipping zones match
/// it exactly as the same address written out.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.addresses.AddressDraft")]
public sealed record AddressDraft(
    [property: Id(0)] string Label,
    [property: Id(1)] string Line1,
    [property: Id(2)] string City,
    [property: Id(3)] string Region,
    [property: Id(4)] string PostalCode,
    [property: Id(5)] string Country,
    [property: Id(6)] string? Phone,
    [property: Id(7)] double? Latitude,
    [property: Id(8)] double? Longitude,
    [property: Id(9)] Guid? ProvinceId,
    [property: Id(10)] Guid? CityId);
