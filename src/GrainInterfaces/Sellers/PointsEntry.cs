namespace GrainMarket.Sellers;

/// <summary>One change of a seller's points: by how much (<paramref name="Change"/>, negative for a penalty), why, and when.</summary>
[GenerateSerializer, Immutable, Alias("gm.sellers.PointsEntry")]
public sealed record PointsEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] long Change,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset At);
