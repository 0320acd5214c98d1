namespace GrainMarket.Notifications;

/// <summary>
/// A notification as its sender delivers it. <see cref="Id"/> is deterministic, chosen by the sender (e.g.
/// <c>outbid:{auctionId:N}:{sequence}</c>; at most <see cref="INotificationInboxGrain.MaxIdLength"/> characters and no
/// <c>/</c>, as it is a path segment of the gateway's API), so that a retried delivery is recognised;
/// <see cref="Type"/> is one of <see cref="NotificationTypes"/>.
/// </summary>
public sealed record Notification(string Id, string Type, string Title, string Body, string? Link, DateTimeOffset At);
