namespace GrainMarket.Notifications;

/// <summary>A notification in its inbox, with whether its user has read it.</summary>
public sealed record NotificationView(string Id, string Type, string Title, string Body, string? Link, DateTimeOffset At, bool Read);
