namespace GrainMarket.Messaging;

/// <summary>A message of a conversation: its sequence there, who sent it, the sender's client id, the text and when.</summary>
[GenerateSerializer, Immutable, Alias("gm.messaging.MessageView")]
public sealed record MessageView(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] Guid SenderId,
    [property: Id(3)] string ClientId,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At);
