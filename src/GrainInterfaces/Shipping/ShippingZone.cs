namespace GrainMarket.Shipping;

/// <summary>
/// A shipping zone of one <see cref="Country"/> (ISO 3166 alpha-2, upper case): the addresses whose postal code starts
/// with one of <see cref="PostalPrefixes"/> (upper case, without spaces or hyphens) or whose region is one of
/// <see cref="Regions"/>; with neither, the whole country. The charge is the first <see cref="WeightRates"/> bracket the
/// parcel's weight fits plus the first <see cref="ValueRates"/> bracket its value fits (none: nothing added), and
/// nothing at all when the value reaches <see cref="FreeShippingThreshold"/>. Amounts are minor units.
/// </summary>
[GenerateSerializer, Alias("gm.shipping.ShippingZone")]
public sealed record ShippingZone(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Country,
    [property: Id(3)] IReadOnlyList<string> PostalPrefixes,
    [property: Id(4)] IReadOnlyList<string> Regions,
    [property: Id(5)] IReadOnlyList<WeightRate> WeightRates,
    [property: Id(6)] IReadOnlyList<ValueRate> ValueRates,
    [property: Id(7)] long? FreeShippingThreshold,
    [property: Id(8)] int? EstimatedDays)
{
    /// <summary>Whether the zone covers its whole country (no prefixes, no regions).</summary>
    public bool IsCountryWide => PostalPrefixes.Count == 0 && Regions.Count == 0;

    /// <summary>Whether the two zones have the same content (records compare lists by reference).</summary>
    public bool SameAs(ShippingZone other) =>
        other is not null && Id == other.Id && Name == other.Name && Country == other.Country
        && PostalPrefixes.SequenceEqual(other.PostalPrefixes) && Regions.SequenceEqual(other.Regions)
        && WeightRates.SequenceEqual(other.WeightRates) && ValueRates.SequenceEqual(other.ValueRates)
        && FreeShippingThreshold == other.FreeShippingThreshold && EstimatedDays == other.EstimatedDays;
}
