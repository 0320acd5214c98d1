namespace GrainMarket.Notifications;

/// <summary>
/// A page of an inbox, newest first; <see cref="Unread"/> counts the whole inbox, not the page; <see cref="Next"/> is
/// the id to pass as <c>cursor</c> for the next page, null on the last one.
/// </summary>
[GenerateSerializer, Alias("gm.notifications.NotificationPage")]
public sealed record NotificationPage(
    [property: Id(0)] IReadOnlyList<NotificationView> Items,
    [property: Id(1)] int Unread,
    [property: Id(2)] string? Next);
