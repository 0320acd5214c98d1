namespace GrainMarket.Notifications;

/// <summary>
/// Every kind of notification, its default channel and whether it has an e-mail (docs/notifications.md has the table).
/// A user's choices (<see cref="INotificationInboxGrain.GetPreferencesAsync"/>) override the defaults of settable kinds.
/// </summary>
public static class NotificationKinds
{
    private const string InApp = NotificationChannels.InApp;
    private const string Both = NotificationChannels.Both;

    public static IReadOnlyList<NotificationKind> All { get; } =
    [
        Mailed(NotificationTypes.OrderPlaced),
        Mailed(NotificationTypes.NewOrder),
        InAppOnly(NotificationTypes.OrderAccepted),
        Mailed(NotificationTypes.OrderShipped),
        InAppOnly(NotificationTypes.DeliveryProof),
        Mailed(NotificationTypes.OrderOutForDelivery),
        Mailed(NotificationTypes.OrderDelivered),
        Mailed(NotificationTypes.OrderCompleted),
        Mailed(NotificationTypes.OrderCancelled),
        InAppOnly(NotificationTypes.OrderDisputed),
        InAppOnly(NotificationTypes.DisputeResolved),
        InAppOnly(NotificationTypes.ReturnUpdated),
        InAppOnly(NotificationTypes.ComplaintUpdated),
        Mailed(NotificationTypes.WithdrawalRequested),
        Mailed(NotificationTypes.WithdrawalApproved),
        Mailed(NotificationTypes.WithdrawalRejected),
        InAppOnly(NotificationTypes.ProductApproved),
        InAppOnly(NotificationTypes.ProductRejected),
        InAppOnly(NotificationTypes.AuctionApproved),
        InAppOnly(NotificationTypes.AuctionRejected),
        InAppOnly(NotificationTypes.Outbid),
        InAppOnly(NotificationTypes.AuctionWon),
        Mailed(NotificationTypes.AuctionPaymentDue),
        InAppOnly(NotificationTypes.AuctionPaymentMissed),
        InAppOnly(NotificationTypes.SecondChanceOffer),
        InAppOnly(NotificationTypes.AuctionSold),
        InAppOnly(NotificationTypes.AuctionEndedUnsold),
        InAppOnly(NotificationTypes.WinnerDefaulted),
        InAppOnly(NotificationTypes.BidsWithdrawn),
        InAppOnly(NotificationTypes.ChatMessage),
        InAppOnly(NotificationTypes.ReviewReceived),
        InAppOnly(NotificationTypes.FeedbackReceived),
        InAppOnly(NotificationTypes.BrandApproved),
        InAppOnly(NotificationTypes.BrandRejected),
        InAppOnly(NotificationTypes.AdUpdated),
        new(NotificationTypes.RegistrationAttempt, InApp, HasEmail: false, Settable: false),
        new("welcome", NotificationChannels.Email, HasEmail: true, Settable: false),
        new("password-reset", NotificationChannels.Email, HasEmail: true, Settable: false),
        new("password-changed", NotificationChannels.Email, HasEmail: true, Settable: false),
    ];

    private static readonly Dictionary<string, NotificationKind> ByKind = All.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>The kind named <paramref name="kind"/>, or null when there is none.</summary>
    public static NotificationKind? Find(string kind) => ByKind.GetValueOrDefault(kind);

    /// <summary>
    /// The channel of <paramref name="kind"/> for a user who chose <paramref name="choices"/>: their choice for a settable
    /// kind, the default otherwise. A type that is no kind here (none today) goes to the inbox.
    /// </summary>
    public static string ChannelOf(IReadOnlyDictionary<string, string> choices, string kind)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (Find(kind) is not { } known)
        {
            return InApp;
        }

        return known.Settable && choices.TryGetValue(kind, out var chosen) ? chosen : known.Default;
    }

    private static NotificationKind Mailed(string kind) => new(kind, Both, HasEmail: true, Settable: true);

    private static NotificationKind InAppOnly(string kind) => new(kind, InApp, HasEmail: false, Settable: true);
}
