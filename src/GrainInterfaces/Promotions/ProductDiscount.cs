namespace GrainMarket.Promotions;

/// <summary>A seller's standalone discount on one product, active from <see cref="StartsAt"/> (inclusive) until <see cref="EndsAt"/> (exclusive); an open end never ends.</summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.ProductDiscount")]
public sealed record ProductDiscount(
    [property: Id(0)] PriceCut Cut,
    [property: Id(1)] DateTimeOffset? StartsAt,
    [property: Id(2)] DateTimeOffset? EndsAt)
{
    public bool IsActiveAt(DateTimeOffset now) => (StartsAt is null || StartsAt <= now) && (EndsAt is null || now < EndsAt);
}
