namespace GrainMarket.Delivery;

/// <summary>
/// The buyer's dispute of an order: why, when, and from which status; once an admin resolves it, the
/// <see cref="Outcome"/> (<see cref="DisputeOutcomes"/>), the admin's note and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.delivery.DisputeRecord")]
public sealed record DisputeRecord(
    [property: Id(0)] string Reason,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] string From,
    [property: Id(3)] string? Outcome = null,
    [property: Id(4)] string? Note = null,
    [property: Id(5)] DateTimeOffset? ResolvedAt = null);
