using GrainMarket.Common;

namespace GrainMarket.Shipping;

/// <summary>
/// What a parcel costs to ship: its <see cref="ItemsTotal"/> and <see cref="WeightGrams"/>, the matched zone (none when
/// no zone is configured at all) and the <see cref="Charge"/>; or the <see cref="Refusal"/> (address-unserviceable,
/// parcel-too-heavy) that says why it cannot ship there.
/// </summary>
[GenerateSerializer, Alias("gm.shipping.ShippingQuote")]
public sealed record ShippingQuote(
    [property: Id(0)] long ItemsTotal,
    [property: Id(1)] long WeightGrams,
    [property: Id(2)] long Charge,
    [property: Id(3)] Guid? ZoneId,
    [property: Id(4)] string? ZoneName,
    [property: Id(5)] int? EstimatedDays,
    [property: Id(6)] DomainError? Refusal)
{
    public bool Serviceable => Refusal is null;
}
