namespace GrainMarket.Messaging;

/// <summary>A message as a participant sends it: <see cref="ClientId"/> is the client's own id of it, for retries.</summary>
[GenerateSerializer, Immutable, Alias("gm.messaging.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Text);
