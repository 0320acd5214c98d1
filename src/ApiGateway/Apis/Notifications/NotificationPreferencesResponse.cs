namespace GrainMarket.ApiGateway.Apis.Notifications;

/// <summary>Every kind of notification with the caller's channel for it.</summary>
public sealed record NotificationPreferencesResponse(IReadOnlyList<NotificationPreference> Kinds);
