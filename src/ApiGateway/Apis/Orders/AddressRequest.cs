using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Apis.Orders;

/// <summary>
/// Where to ship. The phone (for the courier: <c>+</c> and 7 to 15 digits) and the position (latitude and longitude in
/// degrees, both or neither: couriers find the nearest orders by it) are optional.
/// </summary>
public sealed record AddressRequest(string? Line1, string? City, string? PostalCode, string? Country, string? Region = null, string? Phone = null, double? Latitude = null, double? Longitude = null)
{
    /// <summary>The rules, naming each field as <paramref name="prefix"/> + its name (the address book's fields have no prefix).</summary>
    public DomainError? Check(string prefix = "shippingAddress.") =>
        Validation.First(
            Validation.Required(Line1, $"{prefix}line1", 200),
            Validation.Required(City, $"{prefix}city", 100),
            Validation.Optional(Region, $"{prefix}region", 100),
            Validation.Required(PostalCode, $"{prefix}postalCode", 20),
            Country is { Length: 2 } c && c.All(char.IsAsciiLetter) ? null : DomainError.Invalid($"{prefix}country", "must be a two-letter ISO 3166 country code"),
            Phone is null || (Phone.Length is >= 8 and <= 16 && Phone[0] == '+' && Phone.Skip(1).All(char.IsAsciiDigit))
                ? null
                : DomainError.Invalid($"{prefix}phone", "must be + followed by 7 to 15 digits (E.164)"),
            Latitude is null == Longitude is null ? null : DomainError.Invalid(Latitude is null ? $"{prefix}latitude" : $"{prefix}longitude", "latitude and longitude go together: give both or neither"),
            Latitude is null or (>= -90 and <= 90) ? null : DomainError.Invalid($"{prefix}latitude", "must be between -90 and 90 degrees"),
            Longitude is null or (>= -180 and <= 180) ? null : DomainError.Invalid($"{prefix}longitude", "must be between -180 and 180 degrees"));

    public ShippingAddress ToAddress() => new(Line1!.Trim(), City!.Trim(), Region?.Trim() ?? "", PostalCode!.Trim(), Country!.ToUpperInvariant(), Phone, Latitude, Longitude);
}
