namespace GrainMarket.Notifications;

/// <summary>The <see cref="Notification.Type"/> values senders use; clients choose an icon or a template by them.</summary>
public static class NotificationTypes
{
    public const string Outbid = "outbid";
    public const string AuctionWon = "auction-won";
    public const string AuctionSold = "auction-sold";
    public const string AuctionEndedUnsold = "auction-ended-unsold";
    public const string SecondChanceOffer = "second-chance-offer";

    /// <summary>To the seller: the winner did not pay, or cancelled the won order; what happens to the item next.</summary>
    public const string WinnerDefaulted = "winner-defaulted";
    public const string BidsWithdrawn = "bids-withdrawn";
    public const string RegistrationAttempt = "registration-attempt";

    /// <summary>The courier picked the order up (or its proof was reset): the PIN to give the courier.</summary>
    public const string DeliveryProof = "delivery-proof";
    public const string OrderDisputed = "order-disputed";
    public const string DisputeResolved = "dispute-resolved";

    /// <summary>A return moved on (requested, approved, picked up… refunded); one per return and status.</summary>
    public const string ReturnUpdated = "return-updated";

    /// <summary>A new chat message while its recipient was offline (sent by the conversation, one per conversation while unread).</summary>
    public const string ChatMessage = "chat-message";
}
