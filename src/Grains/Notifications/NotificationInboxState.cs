namespace GrainMarket.Notifications;

[GenerateSerializer, Alias("gm.notifications.NotificationInboxState")]
public sealed class NotificationInboxState
{
    /// <summary>At most <see cref="INotificationInboxGrain.Capacity"/>, newest first (by time, then id).</summary>
    [Id(0)]
    public List<NotificationRecord> Items { get; set; } = [];

    /// <summary>
    /// The time and id of the newest notification dropped to keep the cap (null: none yet). Nothing at or before it is
    /// added again, so a re-delivered dropped notification is not shown twice. While nothing removes notifications
    /// the full inbox would drop such a one at once anyway; this mark keeps the rule true should that change, and
    /// spares the write.
    /// </summary>
    [Id(1)]
    public DateTimeOffset? DroppedAt { get; set; }

    [Id(2)]
    public string? DroppedId { get; set; }

    /// <summary>The user's choice of channel per kind, only for the kinds they chose (see <see cref="NotificationKinds"/>).</summary>
    [Id(3)]
    public Dictionary<string, string> Preferences { get; set; } = [];

    /// <summary>The sequence of the last notification added: its event's number in the user's live stream.</summary>
    [Id(4)]
    public long Sequence { get; set; }

    /// <summary>
    /// The sequence through which the notifications are known to be in the live stream (<c>notification_events</c>);
    /// the ones above it are appended after the next write, or when the inbox is next activated.
    /// </summary>
    [Id(5)]
    public long Streamed { get; set; }
}
