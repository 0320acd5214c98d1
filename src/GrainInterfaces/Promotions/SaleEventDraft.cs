namespace GrainMarket.Promotions;

/// <summary>A sale event to create, or (every member optional but the id) the changes to one.</summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.SaleEventDraft")]
public sealed record SaleEventDraft(
    [property: Id(0)] string? Name,
    [property: Id(1)] PriceCut? Cut,
    [property: Id(2)] DateTimeOffset? StartsAt,
    [property: Id(3)] DateTimeOffset? EndsAt,
    [property: Id(4)] IReadOnlyList<Guid>? CategoryIds,
    [property: Id(5)] IReadOnlyList<Guid>? ProductIds);
