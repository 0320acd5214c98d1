namespace GrainMarket.Statuses;

/// <summary>One status update: what its author wrote, when, and until when their contacts see it.</summary>
[GenerateSerializer, Immutable, Alias("gm.statuses.StatusView")]
public sealed record StatusView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset PostedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt);
