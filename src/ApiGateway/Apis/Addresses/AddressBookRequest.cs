using GrainMarket.Addresses;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Geography;

namespace GrainMarket.ApiGateway.Apis.Addresses;

/// <summary>
/// A saved address: a label ("Home") and the fields of a checkout's shipping address, plus, where the country has
/// reference data, the <see cref="ProvinceId"/> and <see cref="CityId"/> it lies in. A province or city named by id
/// supplies the region and city text (which may then be left out, or must spell the same name). With
/// <see cref="IsDefault"/> true the address becomes the default.
/// </summary>
public sealed record AddressBookRequest(
    string? Label,
    string? Line1,
    string? PostalCode,
    string? Country,
    string? City = null,
    string? Region = null,
    string? Phone = null,
    double? Latitude = null,
    double? Longitude = null,
    Guid? ProvinceId = null,
    Guid? CityId = null,
    bool? IsDefault = null)
{
    private const int MaxLabelLength = 50;

    /// <summary>Checks the fields, then resolves the province and city ids; the draft to save, or why not.</summary>
    public async Task<Result<AddressDraft>> DraftAsync(IGeographyGrain geography)
    {
        ArgumentNullException.ThrowIfNull(geography);

        // The city text is required only when no cityId supplies it: check the rest with a stand-in.
        var invalid = Validation.First(
            Validation.Required(Label, "label", MaxLabelLength),
            CityId is not null && ProvinceId is null ? DomainError.Invalid("provinceId", "is required with cityId") : null,
            new AddressRequest(Line1, City ?? (CityId is null ? null : "-"), PostalCode, Country, Region, Phone, Latitude, Longitude).Check(prefix: ""));
        if (invalid is not null)
        {
            return invalid;
        }

        var country = Country!.ToUpperInvariant();
        var places = await geography.ResolveAsync(country, ProvinceId, CityId);
        if (places.Value is not { } names)
        {
            return places.Error!;
        }

        var region = Named(Region, names.Province, "region", "provinceId");
        var city = Named(City, names.City, "city", "cityId");
        if ((region.Error ?? city.Error) is { } mismatch)
        {
            return mismatch;
        }

        return new AddressDraft(Label!.Trim(), Line1!.Trim(), city.Value!, region.Value!, PostalCode!.Trim(), country, Phone, Latitude, Longitude, ProvinceId, CityId);
    }

    /// <summary>The text a field keeps: the reference name when an id gave one (the text, if sent, must spell it), else the text as sent.</summary>
    private static Result<string> Named(string? text, string? referenceName, string field, string idField) =>
        referenceName is null ? (text?.Trim() ?? "")
        : string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), referenceName, StringComparison.OrdinalIgnoreCase) ? referenceName
        : DomainError.Invalid(field, $"must be left out or be '{referenceName}', the name of {idField}");
}
