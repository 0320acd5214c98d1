namespace GrainMarket.Notifications;

public sealed class NotificationRecord
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public string? Link { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>See <see cref="Notification.CollapseKey"/>.</summary>
    public string? CollapseKey { get; set; }

    public bool Read { get; set; }
}
