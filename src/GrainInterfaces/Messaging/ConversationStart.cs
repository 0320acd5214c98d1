namespace GrainMarket.Messaging;

/// <summary>Who starts a conversation with whom, and what about (a product, an order, or neither).</summary>
[GenerateSerializer, Immutable, Alias("gm.messaging.ConversationStart")]
public sealed record ConversationStart(
    [property: Id(0)] Guid StarterId,
    [property: Id(1)] Guid PeerId,
    [property: Id(2)] Guid? ProductId,
    [property: Id(3)] Guid? OrderId);
