namespace GrainMarket.Returns;

/// <summary>
/// How a return ended, as its order records it: <paramref name="Outcome"/> is a <see cref="ReturnOutcomes"/> value or
/// <see cref="ReturnStatuses.Rejected"/>; a refund takes the returned units back from the order (their reservation, or
/// their sale once settled).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.ReturnResolution")]
public sealed record ReturnResolution(
    [property: Id(0)] Guid ReturnId,
    [property: Id(1)] string Outcome);
