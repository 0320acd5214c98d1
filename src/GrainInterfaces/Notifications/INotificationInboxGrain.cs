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
    /// and neither does a notification no newer than one the inbox has already dropped (a re-delivered old one), nor one
    /// of a kind its user does not want in the inbox (<see cref="GetPreferencesAsync"/>). Each one added is also the next
    /// event of the user's live stream (<see cref="NotificationEvents"/>).
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

    /// <summary>
    /// The user's own choice of channel per kind (<see cref="NotificationChannels"/>), only for the kinds they chose;
    /// <see cref="NotificationKinds.ChannelOf"/> gives the channel in effect.
    /// </summary>
    [ReadOnly]
    [Alias("preferences")]
    Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync();

    /// <summary>
    /// Replaces the user's choices with <paramref name="choices"/> (a kind left out goes back to its default); each must
    /// be a settable kind of <see cref="NotificationKinds"/> with one of its channels, or nothing changes and it throws.
    /// From then on the inbox drops the notifications of a kind that is not to go to it.
    /// </summary>
    [Alias("setPreferences")]
    Task SetPreferencesAsync(IReadOnlyDictionary<string, string> choices);
}
