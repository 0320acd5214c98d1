namespace GrainMarket.Notifications;

/// <summary>
/// A user's in-app notifications, keyed by the user id. It keeps the <see cref="Capacity"/> newest (ordered by
/// <see cref="Notification.At"/>, then <see cref="Notification.Id"/>) and remembers where it dropped older ones, so a
/// sender may deliver a notification any number of times (at least once) and it is shown once.
/// </summary>
[Alias("gm.notification-inbox")]
public interface INotificationInboxGrain : IGrainWithGuidKey
{
    /// <summary>How many notifications an inbox keeps; adding one more drops the oldest.</summary>
    public const int Capacity = 200;

    /// <summary>The longest <see cref="Notification.Id"/>.</summary>
    public const int MaxIdLength = 200;

    /// <summary>
    /// Adds <paramref name="notification"/> unread. Idempotent by its id: an id already in the inbox changes nothing,
    /// and neither does a notification no newer than one the inbox has already dropped (a re-delivered old one).
    /// </summary>
    [Alias("add")]
    Task AddAsync(Notification notification);

    /// <summary>
    /// Up to <paramref name="limit"/> notifications, newest first, after the one whose id is <paramref name="before"/>
    /// (the <see cref="NotificationPage.Next"/> of the previous page; null: from the newest). An id the inbox does not
    /// hold gives an empty page: the inbox drops oldest first, so nothing older than a dropped one is left.
    /// </summary>
    [ReadOnly]
    [Alias("list")]
    Task<NotificationPage> ListAsync(int limit, string? before);

    /// <summary>Marks one notification read; false when the inbox holds no notification with that id.</summary>
    [Alias("markRead")]
    Task<bool> MarkReadAsync(string notificationId);

    /// <summary>Marks every notification read and returns how many were unread.</summary>
    [Alias("markAllRead")]
    Task<int> MarkAllReadAsync();
}
