using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>The rule for a position in a request: latitude and longitude in degrees, both or neither (both when required).</summary>
public static class Coordinates
{
    public static DomainError? Check(double? latitude, double? longitude, bool required)
    {
        if (latitude is null && longitude is null)
        {
            return required ? DomainError.Invalid("latitude", "is required, with longitude") : null;
        }

        if (latitude is null || longitude is null)
        {
            return DomainError.Invalid(latitude is null ? "latitude" : "longitude", "latitude and longitude go together: give both or neither");
        }

        return latitude is >= -90 and <= 90
            ? longitude is >= -180 and <= 180 ? null : DomainError.Invalid("longitude", "must be between -180 and 180 degrees")
            : DomainError.Invalid("latitude", "must be between -90 and 90 degrees");
    }
}
