using GrainMarket.Orders;

namespace GrainMarket.Shipping;

/// <summary>The parts of an address that decide its zone.</summary>
[GenerateSerializer, Immutable, Alias("gm.shipping.ShippingDestination")]
public sealed record ShippingDestination(
    [property: Id(0)] string Country,
    [property: Id(1)] string PostalCode,
    [property: Id(2)] string Region)
{
    /// <summary>A postal code as zones compare it: letters and digits only, upper case ("sw1a 1aa" → "SW1A1AA").</summary>
    public static string NormalizePostalCode(string postalCode)
    {
        ArgumentNullException.ThrowIfNull(postalCode);
        return new string([.. postalCode.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
    }

    public static ShippingDestination Of(ShippingAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(address.Country, address.PostalCode, address.Region);
    }
}
