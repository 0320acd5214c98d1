using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record AddressRequest(string? Line1, string? City, string? Region, string? PostalCode, string? Country)
{
    public DomainError? Check() =>
        Validation.First(
            Validation.Required(Line1, "shippingAddress.line1", 200),
            Validation.Required(City, "shippingAddress.city", 100),
            Validation.Optional(Region, "shippingAddress.region", 100),
            Validation.Required(PostalCode, "shippingAddress.postalCode", 20),
            Country is { Length: 2 } c && c.All(char.IsAsciiLetter) ? null : DomainError.Invalid("shippingAddress.country", "must be a two-letter ISO 3166 country code"));

    public ShippingAddress ToAddress() => new(Line1!.Trim(), City!.Trim(), Region?.Trim() ?? "", PostalCode!.Trim(), Country!.ToUpperInvariant());
}
