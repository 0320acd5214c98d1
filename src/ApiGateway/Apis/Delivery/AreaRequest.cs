using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Delivery;

namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>
/// Where a courier works: a region and/or a postal-code prefix (letters, digits, spaces and dashes), at least one,
/// and where they are now (latitude and longitude in degrees, both required).
/// </summary>
public sealed record AreaRequest(string? Region, string? PostalCodePrefix, double? Latitude, double? Longitude)
{
    public DomainError? Check() =>
        Validation.First(
            Validation.Optional(Region, "region", 100),
            Validation.Optional(PostalCodePrefix, "postalCodePrefix", 20),
            PostalCodePrefix is null || PostalCodePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-')
                ? null
                : DomainError.Invalid("postalCodePrefix", "may hold letters, digits, spaces and dashes only"),
            string.IsNullOrWhiteSpace(Region) && string.IsNullOrWhiteSpace(PostalCodePrefix)
                ? DomainError.Invalid("region", "give a region, a postal-code prefix, or both")
                : null,
            Coordinates.Check(Latitude, Longitude, required: true));

    public CourierArea ToArea() =>
        new(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), string.IsNullOrWhiteSpace(PostalCodePrefix) ? null : PostalCodePrefix.Trim(), Latitude!.Value, Longitude!.Value);
}
