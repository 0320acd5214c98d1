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

    /// <summary>The access token's lifetime is over: refresh it or sign in again.</summary>
    public const string TokenExpired = "token-expired";

    /// <summary>The access token is malformed, not signed by this service, or not for it.</summary>
    public const string TokenInvalid = "token-invalid";

    /// <summary>The access token's session has ended: signed out, blocked, the password changed or the active role switched.</summary>
    public const string SessionEnded = "session-ended";
    public const string InternalError = "internal-error";
    public const string WebSocketRequired = "websocket-required";

    // Accounts
    public const string EmailTaken = "email-taken";

    /// <summary>Another account holds the username (usernames are unique ignoring case).</summary>
    public const string UsernameTaken = "username-taken";
    public const string InvalidCredentials = "invalid-credentials";

    /// <summary>A signed-in user's current password, asked to confirm a change, is wrong (not a sign-out: 403).</summary>
    public const string CurrentPasswordWrong = "current-password-wrong";
    public const string InvalidRefreshToken = "invalid-refresh-token";
    public const string InvalidResetToken = "invalid-reset-token";
    public const string RoleNotHeld = "role-not-held";
    public const string RoleNotSelfAssignable = "role-not-self-assignable";
    public const string AccountBlocked = "account-blocked";
    public const string TooManyAttempts = "too-many-attempts";
    public const string Forbidden = "forbidden";

    /// <summary>An admin tried to block themself or take away their own admin role.</summary>
    public const string SelfLockout = "self-lockout";

    /// <summary>The provider refused or broke off an external sign-in (state, code or PKCE refused, or the user declined).</summary>
    public const string ExternalSignInFailed = "external-sign-in-failed";

    /// <summary>A link ticket that is wrong, spent or expired: sign in with the provider again.</summary>
    public const string InvalidLinkTicket = "invalid-link-ticket";

    /// <summary>Unlinking this identity would leave the account no way to sign in (no password, no other identity).</summary>
    public const string LastSignInMethod = "last-sign-in-method";

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
    public const string CategoryNameTaken = "category-name-taken";
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

    /// <summary>Another courier claimed the order first.</summary>
    public const string OrderAlreadyClaimed = "order-already-claimed";

    /// <summary>The courier holds <c>maxActive</c> undelivered orders already.</summary>
    public const string CourierAtCapacity = "courier-at-capacity";

    /// <summary>The courier has not said where they work (<c>PUT /api/delivery/me/area</c>).</summary>
    public const string CourierAreaNotSet = "courier-area-not-set";

    /// <summary>A wrong PIN or QR token; <c>attemptsLeft</c> says how many tries remain.</summary>
    public const string ProofInvalid = "proof-invalid";

    /// <summary>Too many wrong proofs: a seller or an admin must reset the proof.</summary>
    public const string ProofLocked = "proof-locked";

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

    // Addresses and geography
    public const string AddressNotFound = "address-not-found";

    /// <summary>The address book holds its maximum of addresses; remove one first.</summary>
    public const string AddressBookFull = "address-book-full";
    public const string CountryNotFound = "country-not-found";
    public const string ProvinceNotFound = "province-not-found";
    public const string CityNotFound = "city-not-found";

    /// <summary>A sibling (country, province of the country, city of the province) already has the name or code.</summary>
    public const string GeoNameTaken = "geo-name-taken";

    /// <summary>A country that still has provinces, or a province that still has cities.</summary>
    public const string GeoNotEmpty = "geo-not-empty";

    // Statuses
    public const string StatusNotFound = "status-not-found";

    /// <summary>The user already has the most live statuses allowed; one must be deleted or expire first.</summary>
    public const string StatusLimitReached = "status-limit-reached";

    // Auctions
    public const string AuctionNotFound = "auction-not-found";
    public const string AuctionNotLive = "auction-not-live";
    public const string AuctionNotPending = "auction-not-pending";
    public const string BidTooLow = "bid-too-low";
    public const string CannotBidOwnAuction = "cannot-bid-own-auction";
    public const string BuyNowUnavailable = "buy-now-unavailable";
    public const string BiddingBlocked = "bidding-blocked";

    // Returns
    public const string ReturnNotFound = "return-not-found";
    public const string InvalidReturnTransition = "invalid-return-transition";

    /// <summary>The order cannot be returned: not a checkout order, or not delivered or completed.</summary>
    public const string OrderNotReturnable = "order-not-returnable";

    /// <summary>The return window after the order's delivery has passed.</summary>
    public const string ReturnWindowClosed = "return-window-closed";

    /// <summary>More units than were bought less what earlier returns claim (figure <c>returnable</c>).</summary>
    public const string ReturnQuantityExceeded = "return-quantity-exceeded";

    /// <summary>An order with an open return does not complete until the return is resolved.</summary>
    public const string ReturnOpen = "return-open";

    /// <summary>A refund after settlement needs more than the seller has available; nothing moved, an admin retries later.</summary>
    public const string SellerFundsInsufficient = "seller-funds-insufficient";

    // Reviews and feedback
    public const string ReviewNotFound = "review-not-found";

    /// <summary>The order line (order and product) already has a review; edit or delete that one.</summary>
    public const string ReviewExists = "review-exists";

    /// <summary>Only the buyer of a delivered or completed order may review its products or rate its sellers.</summary>
    public const string PurchaseNotVerified = "purchase-not-verified";

    /// <summary>A review's author cannot vote their own review helpful.</summary>
    public const string CannotVoteOwnReview = "cannot-vote-own-review";

    /// <summary>The buyer already rated this seller for this order.</summary>
    public const string FeedbackExists = "feedback-exists";

    // Notifications
    public const string NotificationNotFound = "notification-not-found";

    // Chat
    public const string ConversationNotFound = "conversation-not-found";

    /// <summary>One of the two users has blocked the other: no message and no new conversation, either way.</summary>
    public const string ChatBlocked = "chat-blocked";

    /// <summary>A user cannot start a conversation with themselves.</summary>
    public const string CannotChatWithSelf = "cannot-chat-with-self";
    public const string UserNotFound = "user-not-found";

    /// <summary>The block list holds its maximum number of users.</summary>
    public const string BlockListFull = "block-list-full";

    /// <summary>Admins read a conversation only when a complaint holds it (the complainant attached it).</summary>
    public const string ConversationNotInComplaint = "conversation-not-in-complaint";

    // Complaints
    public const string ComplaintNotFound = "complaint-not-found";
    public const string InvalidComplaintTransition = "invalid-complaint-transition";

    /// <summary>The complaint names the complainant as its other party: nobody complains about themselves.</summary>
    public const string CannotComplainAboutSelf = "cannot-complain-about-self";

    /// <summary>The complaint already holds another conversation (one per complaint).</summary>
    public const string ComplaintConversationAttached = "complaint-conversation-attached";

    // Media

    /// <summary>An upload whose bytes are not a JPEG, PNG or WebP image (whatever its name or declared type says).</summary>
    public const string NotAnImage = "not-an-image";

    /// <summary>An image wider, taller or with more pixels than the media limits allow.</summary>
    public const string ImageTooLarge = "image-too-large";

    // Brands and seller ranks
    public const string BrandNotFound = "brand-not-found";

    /// <summary>A pending or approved brand has this name already (compared case-insensitively).</summary>
    public const string BrandNameTaken = "brand-name-taken";
    public const string BrandNotPending = "brand-not-pending";

    /// <summary>The seller's rank is below the one that unlocks brands; the problem carries <c>requiredRank</c>, <c>requiredPoints</c> and <c>points</c>.</summary>
    public const string RankTooLow = "rank-too-low";

    /// <summary>A product may carry only an approved brand of its own seller.</summary>
    public const string BrandNotAssignable = "brand-not-assignable";

    // Pricing: discounts, sale events and coupons (docs/pricing.md)
    public const string SaleEventNotFound = "sale-event-not-found";
    public const string CouponNotFound = "coupon-not-found";

    /// <summary>A coupon with this code exists already (codes are compared in upper case).</summary>
    public const string CouponCodeTaken = "coupon-code-taken";

    /// <summary>The coupon is outside its validity window or deactivated.</summary>
    public const string CouponExpired = "coupon-expired";

    /// <summary>None of the order's lines is one the coupon applies to (a seller's coupon: that seller's products).</summary>
    public const string CouponNotApplicable = "coupon-not-applicable";

    /// <summary>The goods the coupon applies to are worth less than its minimum order (<c>minOrder</c>, <c>subtotal</c>).</summary>
    public const string CouponMinOrder = "coupon-min-order";

    /// <summary>The coupon's total limit of uses is reached.</summary>
    public const string CouponExhausted = "coupon-exhausted";

    /// <summary>The buyer has used the coupon as often as its per-user limit allows.</summary>
    public const string CouponUserLimit = "coupon-user-limit";

    // Promoters: referral codes, commission rules and subscriptions (docs/promoters.md)
    public const string ReferralCodeNotFound = "referral-code-not-found";

    /// <summary>A referral code with this code exists already (codes are compared in upper case).</summary>
    public const string ReferralCodeTaken = "referral-code-taken";

    /// <summary>The referral code at checkout is the buyer's own: a promoter never refers themself.</summary>
    public const string SelfReferral = "self-referral";

    public const string CommissionRuleNotFound = "commission-rule-not-found";

    /// <summary>Another commission rule has this category or product already: change that one.</summary>
    public const string CommissionRuleExists = "commission-rule-exists";

    // Advertisement escrow (docs/ads.md)
    public const string AdOpportunityNotFound = "ad-opportunity-not-found";
    public const string AdEngagementNotFound = "ad-engagement-not-found";

    /// <summary>The opportunity or the engagement is not in a state that allows the step (closed, not submitted…).</summary>
    public const string InvalidAdTransition = "invalid-ad-transition";

    /// <summary>The agreed amounts would exceed the budget; the problem carries <c>budget</c>, <c>committed</c>, <c>uncommitted</c> and <c>requested</c>.</summary>
    public const string AdBudgetExceeded = "ad-budget-exceeded";

    /// <summary>A seller cannot apply to advertise on their own opportunity.</summary>
    public const string AdOwnOpportunity = "ad-own-opportunity";

    /// <summary>The opportunity holds its maximum number of applications.</summary>
    public const string AdApplicationsFull = "ad-applications-full";

    // Investors (docs/ads.md)

    /// <summary>No user with the investor role has that id.</summary>
    public const string InvestorNotFound = "investor-not-found";

    // Payments (docs/payments.md)

    /// <summary>A provider webhook whose signature header is missing, wrong or outside the provider's time tolerance; nothing was read.</summary>
    public const string WebhookSignatureInvalid = "webhook-signature-invalid";

    /// <summary>The payment provider refused the call or could not be reached after retries; retry with the same Idempotency-Key.</summary>
    public const string PaymentProviderFailed = "payment-provider-failed";

    /// <summary>A refund larger than what is left of the order's payment to refund.</summary>
    public const string RefundExceedsPaid = "refund-exceeds-paid";
}
