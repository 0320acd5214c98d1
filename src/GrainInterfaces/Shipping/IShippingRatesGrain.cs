using GrainMarket.Common;

namespace GrainMarket.Shipping;

/// <summary>
/// The marketplace's shipping zones and rate tables, one grain (key <see cref="Key"/>) whose state is one
/// version-checked row of PostgreSQL grain storage. Admins replace zones whole; checkout and the quote API ask it for
/// the quote of a parcel to an address. With no zone at all every address is serviceable at no charge (a fresh
/// install); once a zone exists, an address that no zone matches is unserviceable.
/// </summary>
[Alias("gm.shipping-rates")]
public interface IShippingRatesGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one rate table.</summary>
    public const long Key = 0;

    /// <summary>Every zone, ordered by country, then name.</summary>
    [ReadOnly]
    [Alias("listZones")]
    Task<IReadOnlyList<ShippingZone>> ListZonesAsync();

    /// <summary>
    /// Adds a zone (its id chosen by the caller, so a repeat with the same zone answers it again); shipping-zone-conflict
    /// when another zone of the country already claims one of its postal prefixes or regions, or the whole country.
    /// </summary>
    [Alias("createZone")]
    Task<Result<ShippingZone>> CreateZoneAsync(ShippingZone zone);

    /// <summary>Replaces a zone whole; shipping-zone-not-found for an unknown id, shipping-zone-conflict as for create.</summary>
    [Alias("replaceZone")]
    Task<Result<ShippingZone>> ReplaceZoneAsync(ShippingZone zone);

    /// <summary>Removes a zone; shipping-zone-not-found for an unknown id.</summary>
    [Alias("deleteZone")]
    Task<Result<ShippingZone>> DeleteZoneAsync(Guid zoneId);

    /// <summary>What shipping <paramref name="lines"/> to <paramref name="destination"/> costs, or why it cannot ship there.</summary>
    [ReadOnly]
    [Alias("quote")]
    Task<ShippingQuote> QuoteAsync(ShippingDestination destination, IReadOnlyList<ParcelLine> lines);
}
