using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GrainMarket.Notifications;

/// <summary>
/// One user's inbox in one persistent state: the newest <see cref="INotificationInboxGrain.Capacity"/> notifications,
/// where the older ones were cut off, and the user's channel per kind (<see cref="NotificationInboxState"/>). Every
/// command writes at most once. Each notification added is numbered and, once stored, appended to the user's live
/// stream (<see cref="NotificationStream"/>); one whose append failed is appended with the next, or when the inbox is
/// next activated, so the stream misses none and, being keyed by the number, repeats none.
/// </summary>
[GrainType("notification-inbox")]
public sealed class NotificationInboxGrain([PersistentState("inbox")] IPersistentState<NotificationInboxState> inbox, ILogger<NotificationInboxGrain> logger) : Grain, INotificationInboxGrain
{
    private List<NotificationRecord> Items => inbox.State.Items;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        await StreamAsync();
    }

    async Task INotificationInboxGrain.AddAsync(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Id, nameof(notification));
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Type, nameof(notification));
        ArgumentNullException.ThrowIfNull(notification.Title, nameof(notification));
        ArgumentNullException.ThrowIfNull(notification.Body, nameof(notification));
        if (notification.Id.Length > INotificationInboxGrain.MaxIdLength || notification.Id.Contains('/', StringComparison.Ordinal))
        {
            // The id is a path segment of POST /api/notifications/{id}/read, where an escaped '/' is never decoded.
            throw new ArgumentException($"Notification id '{notification.Id}' is longer than {INotificationInboxGrain.MaxIdLength} characters or contains '/'.", nameof(notification));
        }

        var state = inbox.State;
        if (!NotificationChannels.ToInbox(NotificationKinds.ChannelOf(state.Preferences, notification.Type))
            || Items.Exists(i => i.Id == notification.Id || (notification.CollapseKey is not null && i.CollapseKey == notification.CollapseKey && !i.Read))
            || (state.DroppedAt is { } droppedAt && Compare(notification.At, notification.Id, droppedAt, state.DroppedId!) <= 0))
        {
            return;
        }

        var index = Items.FindIndex(i => Compare(i.At, i.Id, notification.At, notification.Id) < 0);
        var record = new NotificationRecord
        {
            Id = notification.Id,
            Type = notification.Type,
            Title = notification.Title,
            Body = notification.Body,
            Link = notification.Link,
            At = notification.At,
            CollapseKey = notification.CollapseKey,
            Sequence = ++state.Sequence,
        };
        Items.Insert(index < 0 ? Items.Count : index, record);
        if (Items.Count > INotificationInboxGrain.Capacity)
        {
            var oldest = Items[^1];
            Items.RemoveAt(Items.Count - 1);
            state.DroppedAt = oldest.At;
            state.DroppedId = oldest.Id;
        }

        await WriteAsync();
        await StreamAsync();
    }

    Task<NotificationPage> INotificationInboxGrain.ListAsync(int limit, string? before)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var start = 0;
        if (before is not null)
        {
            var index = Items.FindIndex(i => i.Id == before);
            start = index < 0 ? Items.Count : index + 1;
        }

        var page = Items.Skip(start).Take(limit).Select(View).ToList();
        var next = start + page.Count < Items.Count ? page[^1].Id : null;
        return Task.FromResult(new NotificationPage(page, Items.Count(i => !i.Read), next));
    }

    async Task<bool> INotificationInboxGrain.MarkReadAsync(string notificationId)
    {
        var notification = Items.Find(i => i.Id == notificationId);
        if (notification is null)
        {
            return false;
        }

        if (!notification.Read)
        {
            notification.Read = true;
            await WriteAsync();
        }

        return true;
    }

    async Task<int> INotificationInboxGrain.MarkAllReadAsync()
    {
        var unread = Items.FindAll(i => !i.Read);
        if (unread.Count > 0)
        {
            unread.ForEach(i => i.Read = true);
            await WriteAsync();
        }

        return unread.Count;
    }

    Task<IReadOnlyDictionary<string, string>> INotificationInboxGrain.GetPreferencesAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(inbox.State.Preferences));

    async Task INotificationInboxGrain.SetPreferencesAsync(IReadOnlyDictionary<string, string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        foreach (var (kind, channel) in choices)
        {
            if (NotificationKinds.Find(kind) is not { Settable: true } known || !known.Channels.Contains(channel))
            {
                throw new ArgumentException($"'{channel}' is no channel the user may choose for '{kind}'.", nameof(choices));
            }
        }

        inbox.State.Preferences = new Dictionary<string, string>(choices);
        await WriteAsync();
    }

    /// <summary>
    /// Appends the stored notifications the stream may not have yet (none without a database: the in-memory mode has no
    /// stream). A failure leaves them for the next time; the stream's keys make a repeat harmless.
    /// </summary>
    private async Task StreamAsync()
    {
        var state = inbox.State;
        var pending = Items.Where(i => i.Sequence > state.Streamed).OrderBy(i => i.Sequence).ToList();
        if (pending.Count == 0 || ServiceProvider.GetService<NpgsqlDataSource>() is not { } database)
        {
            return;
        }

        try
        {
            await NotificationStream.AppendAsync(database, this.GetPrimaryKey(), pending);
            state.Streamed = pending[^1].Sequence;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "The live stream of inbox {UserId} could not take notifications {FirstSequence} to {LastSequence}; they go with the next", this.GetPrimaryKey(), pending[0].Sequence, pending[^1].Sequence);
        }
    }

    /// <summary>Newer is greater: later, or at the same instant with the greater id (so the order is total).</summary>
    private static int Compare(DateTimeOffset at, string id, DateTimeOffset otherAt, string otherId)
    {
        var byTime = at.CompareTo(otherAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(id, otherId);
    }

    private static NotificationView View(NotificationRecord n) => new(n.Id, n.Type, n.Title, n.Body, n.Link, n.At, n.Read);

    private async Task WriteAsync()
    {
        try
        {
            await inbox.WriteStateAsync();
        }
        catch
        {
            // The state in memory was changed before the write, which may or may not have been stored: reload it from
            // storage on the next activation rather than answer (or deduplicate) from a state nobody stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
