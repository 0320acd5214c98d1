namespace GrainMarket.Notifications;

/// <summary>
/// A kind of notification (a <see cref="NotificationTypes"/> value, or an e-mail's kind for the security e-mails), the
/// channel it goes to unless its user chooses another, whether it has an e-mail (a kind without one is in-app or
/// nothing), and whether its user may choose at all (security notices always go).
/// </summary>
public sealed record NotificationKind(string Kind, string Default, bool HasEmail, bool Settable)
{
    /// <summary>The channels its user may choose: all four when it has an e-mail, in-app or none when it does not.</summary>
    public IReadOnlyList<string> Channels => !Settable ? [Default]
        : HasEmail ? NotificationChannels.All
        : [NotificationChannels.InApp, NotificationChannels.None];
}
