using GrainMarket.Common;

namespace GrainMarket.Messaging;

/// <summary>
/// A conversation between two users, optionally about a product or an order, keyed by <see cref="ConversationIds.For"/>
/// of its pair and subject (so starting it again reaches the same grain). It numbers its messages 1, 2, 3… and keeps
/// each participant's last-read sequence; the messages themselves are rows of <c>chat_messages</c>, written with its state.
/// </summary>
[Alias("gm.conversation")]
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>The longest message text, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The longest client message id.</summary>
    public const int MaxClientIdLength = 100;

    /// <summary>How many of the newest client ids a conversation remembers to recognise a retried send.</summary>
    public const int RememberedClientIds = 50;

    /// <summary>
    /// Starts the conversation (idempotent: a conversation already started with the same participants and subject is
    /// returned as it stands). Refused when either participant has blocked the other.
    /// </summary>
    [Alias("start")]
    Task<Result<ConversationView>> StartAsync(ConversationStart start);

    /// <summary>The conversation as <paramref name="userId"/> sees it; null when it was never started or the user is not a participant.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<ConversationView?> GetAsync(Guid userId);

    /// <summary>
    /// Sends a message from <paramref name="senderId"/>. Idempotent by <see cref="ChatMessage.ClientId"/>: a client id
    /// the sender already used returns the message it created. Refused when either participant has blocked the other.
    /// </summary>
    [Alias("send")]
    Task<Result<MessageView>> SendAsync(Guid senderId, ChatMessage message);

    /// <summary>Marks the messages up to <paramref name="sequence"/> read by <paramref name="userId"/> (never moves back); returns the last-read sequence.</summary>
    [Alias("read")]
    Task<Result<long>> MarkReadAsync(Guid userId, long sequence);

    /// <summary>The peer to tell that <paramref name="userId"/> is typing; refused like a send (not a participant, a block either way).</summary>
    [ReadOnly]
    [Alias("typing")]
    Task<Result<Guid>> TypingAsync(Guid userId);

    /// <summary>The complaint the conversation is attached to (admins may read it then), if any.</summary>
    [ReadOnly]
    [Alias("complaint")]
    Task<Guid?> GetComplaintAsync();

    /// <summary>
    /// Attaches the conversation to complaint <paramref name="complaintId"/> of <paramref name="complainantId"/> about
    /// <paramref name="otherPartyId"/>: refused as not found unless those two are its participants. A conversation
    /// stays attached to the first complaint it was attached to; returns that complaint's id.
    /// </summary>
    [Alias("attachComplaint")]
    Task<Result<Guid>> AttachComplaintAsync(Guid complaintId, Guid complainantId, Guid otherPartyId);
}
