namespace GrainMarket.Notifications;

/// <summary>The live stream of each user's new in-app notifications (<c>GET /ws/notifications</c>).</summary>
public static class NotificationEvents
{
    /// <summary>
    /// The PostgreSQL notification channel; each write of an inbox that added notifications notifies it with
    /// <c>&lt;user id&gt;:&lt;last sequence&gt;</c>.
    /// </summary>
    public const string Channel = "notification_events";

    /// <summary>How many of a user's newest events <c>notification_events</c> keeps for resuming (<c>?after=</c>); older ones are in the inbox's list.</summary>
    public const int Kept = 500;
}
