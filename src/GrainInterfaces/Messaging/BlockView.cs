namespace GrainMarket.Messaging;

/// <summary>A blocked user and when the block was made.</summary>
[GenerateSerializer, Immutable, Alias("gm.messaging.BlockView")]
public sealed record BlockView([property: Id(0)] Guid UserId, [property: Id(1)] DateTimeOffset At);
