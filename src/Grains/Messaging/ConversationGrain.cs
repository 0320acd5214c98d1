using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Notifications;
using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Messaging;

/// <summary>
/// One conversation (<see cref="IConversationGrain"/>): validates, changes its state, then writes it once; the write
/// carries the message row and the participants' stream events (<see cref="ConversationProjection"/>). A recipient
/// with no <c>/ws/chat</c> socket open gets a <see cref="NotificationTypes.ChatMessage"/> notification after the write.
/// It calls the block lists, the presence and the inbox, none of which calls back.
/// </summary>
[GrainType("conversation")]
public sealed class ConversationGrain(
    [PersistentState("conversation", PostgresGrainStorage.ProviderName)] IPersistentState<ConversationState> conversation,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private const int PreviewLength = 140;

    private ConversationState State => conversation.State;

    private Guid Id => this.GetPrimaryKey();

    async Task<Result<ConversationView>> IConversationGrain.StartAsync(ConversationStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (ConversationIds.For(start.StarterId, start.PeerId, start.ProductId, start.OrderId) != Id || start.StarterId == start.PeerId)
        {
            throw new ArgumentException($"Conversation {Id} is not the one of users {start.StarterId} and {start.PeerId} about product {start.ProductId} and order {start.OrderId}.", nameof(start));
        }

        if (await BlockedAsync(start.StarterId, start.PeerId))
        {
            return Blocked();
        }

        if (!State.IsStarted)
        {
            var (a, b) = start.StarterId.CompareTo(start.PeerId) < 0 ? (start.StarterId, start.PeerId) : (start.PeerId, start.StarterId);
            State.UserA = a;
            State.UserB = b;
            State.ProductId = start.ProductId;
            State.OrderId = start.OrderId;
            State.CreatedAt = time.GetUtcNow();
            State.Pending = [];
            await WriteAsync();
        }

        return View(start.StarterId);
    }

    Task<ConversationView?> IConversationGrain.GetAsync(Guid userId) =>
        Task.FromResult(State.IsParticipant(userId) ? View(userId) : null);

    async Task<Result<MessageView>> IConversationGrain.SendAsync(Guid senderId, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!State.IsParticipant(senderId))
        {
            return NotFound();
        }

        if (State.Recent.Find(m => m.SenderId == senderId && m.ClientId == message.ClientId) is { } sent)
        {
            return sent;
        }

        var recipient = State.PeerOf(senderId);
        if (await BlockedAsync(senderId, recipient))
        {
            return Blocked();
        }

        var at = time.GetUtcNow();
        var view = new MessageView(Id, State.LastSequence + 1, senderId, message.ClientId, message.Text, at);
        State.LastSequence = view.Sequence;
        State.LastMessageAt = at;
        State.Recent.Add(view);
        if (State.Recent.Count > IConversationGrain.RememberedClientIds)
        {
            State.Recent.RemoveAt(0);
        }

        // Sending is reading: the sender has seen everything up to their own message.
        SetLastRead(senderId, view.Sequence);
        var data = JsonSerializer.Serialize(new { conversationId = Id, sequence = view.Sequence, senderId, clientId = view.ClientId, text = view.Text, at }, JsonSerializerOptions.Web);
        State.Pending =
        [
            new PendingChatEvent(senderId, $"{Id:N}:m:{view.Sequence}", ChatEvents.Message, data, at, view),
            new PendingChatEvent(recipient, $"{Id:N}:m:{view.Sequence}", ChatEvents.Message, data, at, view),
        ];
        await WriteAsync();
        await NotifyIfOfflineAsync(recipient, view);
        return view;
    }

    async Task<Result<long>> IConversationGrain.MarkReadAsync(Guid userId, long sequence)
    {
        if (!State.IsParticipant(userId))
        {
            return NotFound();
        }

        if (sequence < 0 || sequence > State.LastSequence)
        {
            return DomainError.Invalid("sequence", $"must be between 0 and the conversation's last sequence, {State.LastSequence}");
        }

        if (sequence <= State.LastReadOf(userId))
        {
            return State.LastReadOf(userId);
        }

        SetLastRead(userId, sequence);
        var at = time.GetUtcNow();
        var data = JsonSerializer.Serialize(new { conversationId = Id, userId, sequence, at }, JsonSerializerOptions.Web);
        var key = $"{Id:N}:r:{userId:N}:{sequence}";
        State.Pending =
        [
            new PendingChatEvent(userId, key, ChatEvents.Read, data, at, null),
            new PendingChatEvent(State.PeerOf(userId), key, ChatEvents.Read, data, at, null),
        ];
        await WriteAsync();
        return sequence;
    }

    async Task<Result<Guid>> IConversationGrain.TypingAsync(Guid userId)
    {
        if (!State.IsParticipant(userId))
        {
            return NotFound();
        }

        var peer = State.PeerOf(userId);
        return await BlockedAsync(userId, peer) ? Blocked() : peer;
    }

    Task<Guid?> IConversationGrain.GetComplaintAsync() => Task.FromResult(State.ComplaintId);

    async Task<Result<Guid>> IConversationGrain.AttachComplaintAsync(Guid complaintId, Guid complainantId, Guid otherPartyId)
    {
        if (!State.IsParticipant(complainantId) || State.PeerOf(complainantId) != otherPartyId)
        {
            return NotFound();
        }

        if (State.ComplaintId is { } attached)
        {
            return attached;
        }

        State.ComplaintId = complaintId;
        State.Pending = [];
        await WriteAsync();
        logger.LogInformation("Conversation {ConversationId} attached to complaint {ComplaintId}", Id, complaintId);
        return complaintId;
    }

    private static DomainError NotFound() => new(ErrorCodes.ConversationNotFound, "The conversation was not found.");

    private static DomainError Blocked() => new(ErrorCodes.ChatBlocked, "One of you has blocked the other: no messages and no new conversations either way.");

    private async Task<bool> BlockedAsync(Guid a, Guid b)
    {
        var blocks = await Task.WhenAll(GrainFactory.GetGrain<IBlockListGrain>(a).BlocksAsync(b), GrainFactory.GetGrain<IBlockListGrain>(b).BlocksAsync(a));
        return blocks[0] || blocks[1];
    }

    private void SetLastRead(Guid userId, long sequence)
    {
        if (userId == State.UserA)
        {
            State.LastReadA = sequence;
        }
        else
        {
            State.LastReadB = sequence;
        }
    }

    private ConversationView View(Guid userId)
    {
        var lastRead = State.LastReadOf(userId);
        var peer = State.PeerOf(userId);
        return new ConversationView(Id, peer, State.ProductId, State.OrderId, State.LastSequence, lastRead, State.LastReadOf(peer), State.LastSequence - lastRead, State.CreatedAt);
    }

    /// <summary>
    /// One notification per message (id <c>chat:&lt;conversation&gt;:&lt;sequence&gt;</c>), collapsed per conversation
    /// while unread. After the write, outside it: the message stands whether or not the notification goes out.
    /// </summary>
    private async Task NotifyIfOfflineAsync(Guid recipient, MessageView message)
    {
        try
        {
            if (await GrainFactory.GetGrain<IChatPresenceGrain>(recipient).IsOnlineAsync())
            {
                return;
            }

            var preview = message.Text.Length <= PreviewLength ? message.Text : string.Concat(message.Text.AsSpan(0, PreviewLength - 1), "…");
            await GrainFactory.GetGrain<INotificationInboxGrain>(recipient).AddAsync(
                new Notification($"chat:{Id:N}:{message.Sequence}", NotificationTypes.ChatMessage, "New message", preview, $"/conversations/{Id:D}", message.At)
                {
                    CollapseKey = $"chat:{Id:N}",
                });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logger.LogWarning(exception, "Could not notify user {UserId} of message {Sequence} of conversation {ConversationId}", recipient, message.Sequence, Id);
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await conversation.WriteStateAsync();
        }
        catch
        {
            // The state in memory was changed before the write, which may or may not have been stored: reload it from
            // storage on the next activation rather than answer from a state nobody stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
