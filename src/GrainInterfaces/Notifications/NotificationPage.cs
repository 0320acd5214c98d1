namespace GrainMarket.Notifications;

/// <summary>
/// A page of an inbox, newest first; <see cref="Unread"/> counts the whole inbox, not the page; <see cref="Next"/> is
/// the id to pass as <c>before</c> for the next page, null on the last one.
/// </summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Unread, string? Next);
