namespace GrainMarket.Messaging;

/// <summary>
/// A conversation's live state: its participants (<see cref="UserA"/> sorts before <see cref="UserB"/>), subject,
/// numbering and read marks, and the newest client ids for recognising a retried send. The messages are not kept here:
/// they are rows of <c>chat_messages</c>.
/// </summary>
[GenerateSerializer, Alias("gm.messaging.ConversationState")]
public sealed class ConversationState
{
    [Id(0)]
    public Guid UserA { get; set; }

    [Id(1)]
    public Guid UserB { get; set; }

    [Id(2)]
    public Guid? ProductId { get; set; }

    [Id(3)]
    public Guid? OrderId { get; set; }

    /// <summary>The first complaint that holds the conversation (docs/complaints.md); admins may read the conversation only then.</summary>
    [Id(4)]
    public Guid? ComplaintId { get; set; }

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public long LastSequence { get; set; }

    [Id(7)]
    public DateTimeOffset? LastMessageAt { get; set; }

    [Id(8)]
    public long LastReadA { get; set; }

    [Id(9)]
    public long LastReadB { get; set; }

    /// <summary>The newest <see cref="IConversationGrain.RememberedClientIds"/> messages, oldest first.</summary>
    [Id(10)]
    public List<MessageView> Recent { get; set; } = [];

    /// <summary>
    /// The rows the command being written adds (its message and its stream events), for the projection; not stored, so an
    /// activation starts with it empty and each command starts it anew.
    /// </summary>
    [field: NonSerialized]
    public List<PendingChatEvent> Pending { get; set; } = [];

    public bool IsStarted => UserA != Guid.Empty;

    public bool IsParticipant(Guid userId) => IsStarted && (userId == UserA || userId == UserB);

    public Guid PeerOf(Guid userId) => userId == UserA ? UserB : UserA;

    public long LastReadOf(Guid userId) => userId == UserA ? LastReadA : LastReadB;
}
