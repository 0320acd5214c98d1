using GrainMarket.Common;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Shipping;

/// <summary>
/// The rate table. Every checkout asks it for a quote, so quotes are read-only calls that interleave with each other
/// (a change of the table still waits for them, and they for it); the table is small (zones, not addresses).
/// </summary>
[GrainType("shippingrates")]
public sealed class ShippingRatesGrain(
    [PersistentState("rates", PostgresGrainStorage.ProviderName)] IPersistentState<ShippingRatesState> rates,
    ILogger<ShippingRatesGrain> logger) : Grain, IShippingRatesGrain
{
    private List<ShippingZone> Zones => rates.State.Zones;

    Task<IReadOnlyList<ShippingZone>> IShippingRatesGrain.ListZonesAsync() =>
        Task.FromResult<IReadOnlyList<ShippingZone>>([.. Zones.OrderBy(z => z.Country, StringComparer.Ordinal).ThenBy(z => z.Name, StringComparer.OrdinalIgnoreCase).ThenBy(z => z.Id)]);

    async Task<Result<ShippingZone>> IShippingRatesGrain.CreateZoneAsync(ShippingZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Zones.Find(z => z.Id == zone.Id) is { } existing)
        {
            return existing.SameAs(zone)
                ? existing
                : new DomainError(ErrorCodes.ShippingZoneConflict, $"Zone {zone.Id} exists already with other settings.", "id");
        }

        if (ShippingRates.Conflict(zone, Zones) is { } conflict)
        {
            return conflict;
        }

        Zones.Add(zone);
        await rates.WriteStateAsync();
        logger.LogInformation("Shipping zone {ZoneId} ({ZoneName}, {Country}) created", zone.Id, zone.Name, zone.Country);
        return zone;
    }

    async Task<Result<ShippingZone>> IShippingRatesGrain.ReplaceZoneAsync(ShippingZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var index = Zones.FindIndex(z => z.Id == zone.Id);
        if (index < 0)
        {
            return NotFound(zone.Id);
        }

        if (ShippingRates.Conflict(zone, Zones) is { } conflict)
        {
            return conflict;
        }

        Zones[index] = zone;
        await rates.WriteStateAsync();
        logger.LogInformation("Shipping zone {ZoneId} ({ZoneName}, {Country}) replaced", zone.Id, zone.Name, zone.Country);
        return zone;
    }

    async Task<Result<ShippingZone>> IShippingRatesGrain.DeleteZoneAsync(Guid zoneId)
    {
        if (Zones.Find(z => z.Id == zoneId) is not { } zone)
        {
            return NotFound(zoneId);
        }

        Zones.Remove(zone);
        await rates.WriteStateAsync();
        logger.LogInformation("Shipping zone {ZoneId} ({ZoneName}, {Country}) deleted", zone.Id, zone.Name, zone.Country);
        return zone;
    }

    Task<ShippingQuote> IShippingRatesGrain.QuoteAsync(ShippingDestination destination, IReadOnlyList<ParcelLine> lines) =>
        Task.FromResult(ShippingRates.Quote(Zones, destination, lines));

    private static DomainError NotFound(Guid zoneId) => new(ErrorCodes.ShippingZoneNotFound, $"There is no shipping zone {zoneId}.");
}
