namespace GrainMarket.Notifications;

/// <summary>A notification in its inbox, with whether its user has read it.</summary>
[GenerateSerializer, Immutable, Alias("gm.notifications.NotificationView")]
public sealed record NotificationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Title,
    [property: Id(3)] string Body,
    [property: Id(4)] string? Link,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] bool Read);
