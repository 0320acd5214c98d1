namespace GrainMarket.Messaging;

/// <summary>
/// A conversation as one participant sees it: the other participant, the subject, the last message's sequence, how far
/// each side has read, and how many of the peer's messages this participant has not read.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.messaging.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid PeerId,
    [property: Id(2)] Guid? ProductId,
    [property: Id(3)] Guid? OrderId,
    [property: Id(4)] long LastSequence,
    [property: Id(5)] long LastRead,
    [property: Id(6)] long PeerLastRead,
    [property: Id(7)] long Unread,
    [property: Id(8)] DateTimeOffset CreatedAt);
