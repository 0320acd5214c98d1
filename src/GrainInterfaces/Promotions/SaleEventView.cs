namespace GrainMarket.Promotions;

/// <summary>
/// An admin's sale event: from <see cref="StartsAt"/> (inclusive) until <see cref="EndsAt"/> (exclusive) it cuts
/// <see cref="Cut"/> off every product listed in <see cref="ProductIds"/> or filed directly under one of
/// <see cref="CategoryIds"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.SaleEventView")]
public sealed record SaleEventView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] PriceCut Cut,
    [property: Id(3)] DateTimeOffset StartsAt,
    [property: Id(4)] DateTimeOffset EndsAt,
    [property: Id(5)] IReadOnlyList<Guid> CategoryIds,
    [property: Id(6)] IReadOnlyList<Guid> ProductIds)
{
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public bool Covers(Guid productId, Guid categoryId) => ProductIds.Contains(productId) || CategoryIds.Contains(categoryId);
}
