namespace GrainMarket.Notifications;

/// <summary>Where a user wants a kind of notification: in the in-app inbox, by e-mail, both, or nowhere.</summary>
public static class NotificationChannels
{
    public const string InApp = "in-app";
    public const string Email = "email";
    public const string Both = "both";
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } = [InApp, Email, Both, None];

    /// <summary>Whether <paramref name="channel"/> puts the notification in the inbox.</summary>
    public static bool ToInbox(string channel) => channel is InApp or Both;

    /// <summary>Whether <paramref name="channel"/> sends the notification's e-mail.</summary>
    public static bool ToEmail(string channel) => channel is Email or Both;
}
