namespace GrainMarket.ApiGateway.Apis.Notifications;

/// <summary>
/// A kind of notification as its user sees it: the channel in effect, the default, the channels they may choose
/// (in-app and none only for a kind without an e-mail) and whether they may choose at all (security notices may not).
/// </summary>
public sealed record NotificationPreference(string Kind, string Channel, string Default, IReadOnlyList<string> Channels, bool Settable);
