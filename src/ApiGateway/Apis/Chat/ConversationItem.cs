namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>One of the caller's conversations in their list: the peer, the subject, where it stands and how much is unread.</summary>
public sealed record ConversationItem(
    Guid Id,
    Guid PeerId,
    Guid? ProductId,
    Guid? OrderId,
    long LastSequence,
    long LastRead,
    long PeerLastRead,
    long Unread,
    DateTimeOffset? LastMessageAt,
    DateTimeOffset CreatedAt);
