namespace GrainMarket.Notifications;

/// <summary>A notification as its inbox keeps it: what was delivered, and whether its user has read it.</summary>
[GenerateSerializer, Alias("gm.notifications.NotificationRecord")]
public sealed class NotificationRecord
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string Type { get; set; } = "";

    [Id(2)]
    public string Title { get; set; } = "";

    [Id(3)]
    public string Body { get; set; } = "";

    [Id(4)]
    public string? Link { get; set; }

    [Id(5)]
    public DateTimeOffset At { get; set; }

    /// <summary>See <see cref="Notification.CollapseKey"/>.</summary>
    [Id(6)]
    public string? CollapseKey { get; set; }

    [Id(7)]
    public bool Read { get; set; }

    /// <summary>Its event's number in the user's live stream (0: added before the stream existed).</summary>
    [Id(8)]
    public long Sequence { get; set; }
}
