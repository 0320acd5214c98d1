namespace GrainMarket.Notifications;

/// <summary>
/// A notification as its sender delivers it. <see cref="Id"/> is deterministic, chosen by the sender (e.g.
/// <c>outbid:{auctionId:N}:{sequence}</c>; at most <see cref="INotificationInboxGrain.MaxIdLength"/> characters and no
/// <c>/</c>, as it is a path segment of the gateway's API), so that a retried delivery is recognised;
/// <see cref="Type"/> is one of <see cref="NotificationTypes"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.notifications.Notification")]
public sealed record Notification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Title,
    [property: Id(3)] string Body,
    [property: Id(4)] string? Link,
    [property: Id(5)] DateTimeOffset At)
{
    /// <summary>
    /// Notifications with the same key tell of one thing that keeps happening (being outbid on one auction): while one
    /// of them is unread, the inbox takes no other, so a bidding war is one notification, not one per bid, and costs
    /// the inbox no write. Once it is read, the next one is taken. Null: every notification is kept.
    /// </summary>
    [Id(6)]
    public string? CollapseKey { get; init; }
}
