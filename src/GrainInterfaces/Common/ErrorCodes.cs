namespace GrainMarket.Common;

/// <summary>
/// The stable <c>code</c> of every domain error, as clients see it in a problem response. Codes never change meaning;
/// the gateway maps each to its HTTP status in one place (<c>DomainProblems</c>).
/// </summary>
public static class ErrorCodes
{
    // Input and protocol
    public const string Validation = "validation-failed";
    public const string MalformedRequest = "malformed-request";
    public const string ControlCharacters = "control-characters";
    public const string CrossOriginWrite = "cross-origin-write";
    public const string RequestTooLarge = "request-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string NotFound = "not-found";
    public const string IdempotencyKeyRequired = "idempotency-key-required";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string IdempotencyKeyInProgress = "idempotency-key-in-progress";
    public const string ReadModelUnavailable = "read-model-unavailable";
    public const string TransactionConflict = "transaction-conflict";
    public const string OutcomeUnknown = "outcome-unknown";
    public const string Unauthenticated = "unauthenticated";
    public const string InternalError = "internal-error";
    public const string WebSocketRequired = "websocket-required";

    // Accounts
    public const string EmailTaken = "email-taken";
    public const string InvalidCredentials = "invalid-credentials";
    public const string InvalidRefreshToken = "invalid-refresh-token";
    public const string InvalidResetToken = "invalid-reset-token";
    public const string RoleNotHeld = "role-not-held";
    public const string RoleNotSelfAssignable = "role-not-self-assignable";
    public const string AccountBlocked = "account-blocked";
    public const string TooManyAttempts = "too-many-attempts";
    public const string Forbidden = "forbidden";

    // Wallets
    public const string InsufficientFunds = "insufficient-funds";

    /// <summary>A credit or a stock receipt that would take a balance past what a 64-bit count holds.</summary>
    public const string AmountTooLarge = "amount-too-large";
    public const string HoldNotFound = "hold-not-found";
    public const string HoldAlreadyResolved = "hold-already-resolved";
    public const string CaptureExceedsHold = "capture-exceeds-hold";
    public const string WithdrawalNotPending = "withdrawal-not-pending";

    // Catalog and stock
    public const string CategoryNotFound = "category-not-found";
    public const string CategoryNotEmpty = "category-not-empty";
    public const string ProductNotFound = "product-not-found";
    public const string ProductUnavailable = "product-unavailable";
    public const string ProductNotPending = "product-not-pending";
    public const string InsufficientStock = "insufficient-stock";
    public const string StockBelowReserved = "stock-below-reserved";

    // Cart, checkout and orders
    public const string CartEmpty = "cart-empty";

    /// <summary>The checkout's total differs from the total the buyer saw (<c>expectedTotal</c>); the current one is in <c>currentTotal</c>.</summary>
    public const string PriceChanged = "price-changed";
    public const string CannotBuyOwnProduct = "cannot-buy-own-product";
    public const string OrderNotFound = "order-not-found";
    public const string InvalidOrderTransition = "invalid-order-transition";

    /// <summary>A checkout whose order id (from its Idempotency-Key) already had its hold or reservation released or sold.</summary>
    public const string OrderAlreadyResolved = "order-already-resolved";
    public const string ReservationNotFound = "reservation-not-found";
    public const string BannerNotFound = "banner-not-found";

    // Shipping

    /// <summary>No shipping zone covers the address (its postal code, region or country).</summary>
    public const string AddressUnserviceable = "address-unserviceable";

    /// <summary>The parcel is heavier than the heaviest weight bracket of the address's zone.</summary>
    public const string ParcelTooHeavy = "parcel-too-heavy";
    public const string ShippingZoneNotFound = "shipping-zone-not-found";

    /// <summary>Another zone of the country already claims the postal prefix, the region or the whole country.</summary>
    public const string ShippingZoneConflict = "shipping-zone-conflict";

    /// <summary>The platform carrier refused a booking or could not be reached; nothing was shipped.</summary>
    public const string CarrierFailed = "carrier-failed";

    /// <summary>A carrier callback whose HMAC-SHA256 signature header is missing or wrong.</summary>
    public const string InvalidSignature = "invalid-signature";

    // Auctions
    public const string AuctionNotFound = "auction-not-found";
    public const string AuctionNotLive = "auction-not-live";
    public const string AuctionNotPending = "auction-not-pending";
    public const string BidTooLow = "bid-too-low";
    public const string CannotBidOwnAuction = "cannot-bid-own-auction";
    public const string BuyNowUnavailable = "buy-now-unavailable";
    public const string BiddingBlocked = "bidding-blocked";

    // Notifications
    public const string NotificationNotFound = "notification-not-found";
}
