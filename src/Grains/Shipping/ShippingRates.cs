using GrainMarket.Common;

namespace GrainMarket.Shipping;

/// <summary>
/// The rules of a shipping quote, as pure functions of the zones and the parcel. The most specific zone of the
/// address's country wins: the longest postal prefix the postal code starts with, else a zone naming the region, else a
/// country-wide zone. The parcel weighs Σ unit weight × quantity and is worth Σ unit price × quantity; its charge is the
/// zone's first weight bracket that holds it plus its first value bracket that holds the value (none: nothing), or
/// nothing once the value reaches the zone's free-shipping threshold. With no zone at all everything ships at no charge.
/// </summary>
public static class ShippingRates
{
    /// <summary>The zone that serves <paramref name="destination"/>, or null when none of its country does.</summary>
    public static ShippingZone? Match(IEnumerable<ShippingZone> zones, ShippingDestination destination)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(destination);
        var postalCode = ShippingDestination.NormalizePostalCode(destination.PostalCode);
        var region = destination.Region.Trim();
        return zones
            .Where(zone => string.Equals(zone.Country, destination.Country, StringComparison.OrdinalIgnoreCase))
            .Select(zone => (Zone: zone, Rank: Specificity(zone, postalCode, region)))
            .Where(candidate => candidate.Rank >= 0)
            .OrderByDescending(candidate => candidate.Rank)
            .ThenBy(candidate => candidate.Zone.Id)
            .Select(candidate => candidate.Zone)
            .FirstOrDefault();
    }

    /// <summary>The quote of <paramref name="lines"/> to <paramref name="destination"/>.</summary>
    public static ShippingQuote Quote(IReadOnlyCollection<ShippingZone> zones, ShippingDestination destination, IEnumerable<ParcelLine> lines)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(lines);
        long items = 0;
        long weight = 0;
        foreach (var line in lines)
        {
            items = checked(items + checked(line.UnitPrice * line.Quantity));
            weight = checked(weight + ((long)line.WeightGrams * line.Quantity));
        }

        if (zones.Count == 0)
        {
            return new ShippingQuote(items, weight, 0, null, null, null, null);
        }

        if (Match(zones, destination) is not { } zone)
        {
            var refusal = new DomainError(
                ErrorCodes.AddressUnserviceable,
                $"We do not ship to postal code {destination.PostalCode}{(destination.Region.Length > 0 ? $", {destination.Region}" : "")} in {destination.Country}.",
                "shippingAddress.postalCode");
            return new ShippingQuote(items, weight, 0, null, null, null, refusal);
        }

        if (zone.WeightRates.FirstOrDefault(rate => rate.UpToGrams is null || weight <= rate.UpToGrams) is not { } bracket)
        {
            var heaviest = zone.WeightRates.Max(rate => rate.UpToGrams!.Value);
            var refusal = new DomainError(
                ErrorCodes.ParcelTooHeavy,
                $"The parcel weighs {weight} g; zone {zone.Name} carries at most {heaviest} g.",
                "items",
                new Dictionary<string, long> { ["weightGrams"] = weight, ["maxWeightGrams"] = heaviest });
            return new ShippingQuote(items, weight, 0, zone.Id, zone.Name, zone.EstimatedDays, refusal);
        }

        var charge = zone.FreeShippingThreshold is { } free && items >= free
            ? 0
            : checked(bracket.Amount + (zone.ValueRates.FirstOrDefault(rate => rate.UpToValue is null || items <= rate.UpToValue)?.Amount ?? 0));
        return new ShippingQuote(items, weight, charge, zone.Id, zone.Name, zone.EstimatedDays, null);
    }

    /// <summary>
    /// Why <paramref name="zone"/> cannot sit beside <paramref name="others"/>: another zone of its country already claims
    /// one of its postal prefixes, one of its regions, or (both country-wide) the whole country. Null when it fits.
    /// Rejecting these overlaps keeps matching unambiguous: no two zones ever rank the same for an address.
    /// </summary>
    public static DomainError? Conflict(ShippingZone zone, IEnumerable<ShippingZone> others)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(others);
        foreach (var other in others.Where(o => o.Id != zone.Id && o.Country == zone.Country))
        {
            if (zone.PostalPrefixes.Intersect(other.PostalPrefixes, StringComparer.Ordinal).FirstOrDefault() is { } prefix)
            {
                return Conflicting(other, $"postal prefix {prefix}", "postalPrefixes");
            }

            if (zone.Regions.Intersect(other.Regions, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } region)
            {
                return Conflicting(other, $"region {region}", "regions");
            }

            if (zone.IsCountryWide && other.IsCountryWide)
            {
                return Conflicting(other, $"the whole of {zone.Country}", "country");
            }
        }

        return null;
    }

    /// <summary>How specifically <paramref name="zone"/> covers the address: 100 + the length of its longest matching postal prefix, 1 for its region, 0 country-wide, −1 not at all.</summary>
    private static int Specificity(ShippingZone zone, string postalCode, string region)
    {
        var prefix = zone.PostalPrefixes.Where(p => postalCode.StartsWith(p, StringComparison.Ordinal)).Select(p => p.Length).DefaultIfEmpty(-1).Max();
        if (prefix >= 0)
        {
            return 100 + prefix;
        }

        if (region.Length > 0 && zone.Regions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return 1;
        }

        return zone.IsCountryWide ? 0 : -1;
    }

    private static DomainError Conflicting(ShippingZone other, string what, string field) =>
        new(ErrorCodes.ShippingZoneConflict, $"Zone {other.Name} ({other.Id}) already covers {what}.", field);
}
