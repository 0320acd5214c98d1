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

    /// <summary>A complaint was opened, answered, taken into review, resolved or rejected; one per complaint and step.</summary>
    public const string ComplaintUpdated = "complaint-updated";

    /// <summary>A new chat message while its recipient was offline (sent by the conversation, one per conversation while unread).</summary>
    public const string ChatMessage = "chat-message";

    /// <summary>To the buyer: the order was placed and paid from the wallet (checkout).</summary>
    public const string OrderPlaced = "order-placed";

    /// <summary>To each seller: an order of their products was placed and paid.</summary>
    public const string NewOrder = "new-order";

    /// <summary>To the buyer: the seller accepted the order (processing).</summary>
    public const string OrderAccepted = "order-accepted";
    public const string OrderShipped = "order-shipped";
    public const string OrderOutForDelivery = "order-out-for-delivery";

    /// <summary>To the buyer and each seller: the order was delivered.</summary>
    public const string OrderDelivered = "order-delivered";

    /// <summary>To the buyer (asking for feedback) and each seller (paid): the order completed.</summary>
    public const string OrderCompleted = "order-completed";

    /// <summary>To the buyer and each seller: the order was cancelled, and by whom.</summary>
    public const string OrderCancelled = "order-cancelled";

    /// <summary>To the winner of a pay-after-win auction: the order to pay, the amount and the deadline.</summary>
    public const string AuctionPaymentDue = "auction-payment-due";

    /// <summary>To the winner of a pay-after-win auction: the deadline passed unpaid and the order was cancelled.</summary>
    public const string AuctionPaymentMissed = "auction-payment-missed";
    public const string WithdrawalRequested = "withdrawal-requested";
    public const string WithdrawalApproved = "withdrawal-approved";
    public const string WithdrawalRejected = "withdrawal-rejected";
    public const string ProductApproved = "product-approved";

    /// <summary>To the seller: an admin rejected the product, with the reason.</summary>
    public const string ProductRejected = "product-rejected";
    public const string AuctionApproved = "auction-approved";

    /// <summary>To the seller: an admin rejected the auction, with the reason.</summary>
    public const string AuctionRejected = "auction-rejected";

    /// <summary>To the seller: a buyer reviewed one of their products.</summary>
    public const string ReviewReceived = "review-received";

    /// <summary>To the seller: a buyer rated them for an order.</summary>
    public const string FeedbackReceived = "feedback-received";

    /// <summary>To the seller: an admin approved their brand, which their products may now carry.</summary>
    public const string BrandApproved = "brand-approved";

    /// <summary>To the seller: an admin rejected their brand, with the reason.</summary>
    public const string BrandRejected = "brand-rejected";

    /// <summary>An ad deal moved on (an application, an acceptance, a proof, an approval or rejection, the opportunity closing); one per engagement and step.</summary>
    public const string AdUpdated = "ad-updated";
}
