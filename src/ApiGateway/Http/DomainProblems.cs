using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// The one place where domain error codes become HTTP: RFC 9457 problem responses whose <c>code</c> is the stable
/// <see cref="ErrorCodes"/> value, with the field and the figures of the error as extensions.
/// </summary>
public static class DomainProblems
{
    private static readonly Dictionary<string, int> StatusByCode = new(StringComparer.Ordinal)
    {
        [ErrorCodes.Validation] = StatusCodes.Status400BadRequest,
        [ErrorCodes.MalformedRequest] = StatusCodes.Status400BadRequest,
        [ErrorCodes.ControlCharacters] = StatusCodes.Status400BadRequest,
        [ErrorCodes.CrossOriginWrite] = StatusCodes.Status403Forbidden,
        [ErrorCodes.RequestTooLarge] = StatusCodes.Status413PayloadTooLarge,
        [ErrorCodes.UnsupportedMediaType] = StatusCodes.Status415UnsupportedMediaType,
        [ErrorCodes.NotAnImage] = StatusCodes.Status415UnsupportedMediaType,
        [ErrorCodes.ImageTooLarge] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.IdempotencyKeyRequired] = StatusCodes.Status400BadRequest,
        [ErrorCodes.WebSocketRequired] = StatusCodes.Status400BadRequest,
        [ErrorCodes.RoleNotSelfAssignable] = StatusCodes.Status400BadRequest,
        [ErrorCodes.InvalidResetToken] = StatusCodes.Status400BadRequest,
        [ErrorCodes.Unauthenticated] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.TokenExpired] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.TokenInvalid] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.SessionEnded] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.CurrentPasswordWrong] = StatusCodes.Status403Forbidden,
        [ErrorCodes.InvalidCredentials] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.InvalidRefreshToken] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.Forbidden] = StatusCodes.Status403Forbidden,
        [ErrorCodes.RoleNotHeld] = StatusCodes.Status403Forbidden,
        [ErrorCodes.AccountBlocked] = StatusCodes.Status403Forbidden,
        [ErrorCodes.NotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ProductNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.CategoryNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.HoldNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ReservationNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.BannerNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.NotificationNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.EmailTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.UsernameTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.IdempotencyKeyInProgress] = StatusCodes.Status409Conflict,
        [ErrorCodes.InsufficientFunds] = StatusCodes.Status409Conflict,
        [ErrorCodes.HoldAlreadyResolved] = StatusCodes.Status409Conflict,
        [ErrorCodes.CaptureExceedsHold] = StatusCodes.Status409Conflict,
        [ErrorCodes.WithdrawalNotPending] = StatusCodes.Status409Conflict,
        [ErrorCodes.CategoryNotEmpty] = StatusCodes.Status409Conflict,
        [ErrorCodes.CategoryNameTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.SelfLockout] = StatusCodes.Status409Conflict,
        [ErrorCodes.ExternalSignInFailed] = StatusCodes.Status400BadRequest,
        [ErrorCodes.InvalidLinkTicket] = StatusCodes.Status400BadRequest,
        [ErrorCodes.LastSignInMethod] = StatusCodes.Status409Conflict,
        [ErrorCodes.ProductUnavailable] = StatusCodes.Status409Conflict,
        [ErrorCodes.ProductNotPending] = StatusCodes.Status409Conflict,
        [ErrorCodes.InsufficientStock] = StatusCodes.Status409Conflict,
        [ErrorCodes.StockBelowReserved] = StatusCodes.Status409Conflict,
        [ErrorCodes.CartEmpty] = StatusCodes.Status409Conflict,
        [ErrorCodes.PriceChanged] = StatusCodes.Status409Conflict,
        [ErrorCodes.CannotBuyOwnProduct] = StatusCodes.Status409Conflict,
        [ErrorCodes.OrderNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.InvalidOrderTransition] = StatusCodes.Status409Conflict,
        [ErrorCodes.OrderAlreadyClaimed] = StatusCodes.Status409Conflict,
        [ErrorCodes.CourierAtCapacity] = StatusCodes.Status409Conflict,
        [ErrorCodes.CourierAreaNotSet] = StatusCodes.Status409Conflict,
        [ErrorCodes.ProofInvalid] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ProofLocked] = StatusCodes.Status409Conflict,
        [ErrorCodes.AddressUnserviceable] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ParcelTooHeavy] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ShippingZoneNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ShippingZoneConflict] = StatusCodes.Status409Conflict,
        [ErrorCodes.CarrierFailed] = StatusCodes.Status502BadGateway,
        [ErrorCodes.InvalidSignature] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.AddressNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.AddressBookFull] = StatusCodes.Status409Conflict,
        [ErrorCodes.CountryNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ProvinceNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.CityNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.GeoNameTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.GeoNotEmpty] = StatusCodes.Status409Conflict,
        [ErrorCodes.StatusNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.StatusLimitReached] = StatusCodes.Status409Conflict,
        [ErrorCodes.AuctionNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.AuctionNotLive] = StatusCodes.Status409Conflict,
        [ErrorCodes.AuctionNotPending] = StatusCodes.Status409Conflict,
        [ErrorCodes.BidTooLow] = StatusCodes.Status409Conflict,
        [ErrorCodes.CannotBidOwnAuction] = StatusCodes.Status409Conflict,
        [ErrorCodes.BuyNowUnavailable] = StatusCodes.Status409Conflict,
        [ErrorCodes.BiddingBlocked] = StatusCodes.Status403Forbidden,
        [ErrorCodes.IdempotencyKeyReused] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.TooManyAttempts] = StatusCodes.Status429TooManyRequests,
        [ErrorCodes.TransactionConflict] = StatusCodes.Status409Conflict,
        [ErrorCodes.OrderAlreadyResolved] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReturnNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.InvalidReturnTransition] = StatusCodes.Status409Conflict,
        [ErrorCodes.OrderNotReturnable] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReturnWindowClosed] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReturnQuantityExceeded] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReturnOpen] = StatusCodes.Status409Conflict,
        [ErrorCodes.SellerFundsInsufficient] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReviewNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ReviewExists] = StatusCodes.Status409Conflict,
        [ErrorCodes.PurchaseNotVerified] = StatusCodes.Status409Conflict,
        [ErrorCodes.CannotVoteOwnReview] = StatusCodes.Status409Conflict,
        [ErrorCodes.FeedbackExists] = StatusCodes.Status409Conflict,
        [ErrorCodes.ConversationNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ChatBlocked] = StatusCodes.Status403Forbidden,
        [ErrorCodes.CannotChatWithSelf] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.UserNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.BlockListFull] = StatusCodes.Status409Conflict,
        [ErrorCodes.ConversationNotInComplaint] = StatusCodes.Status403Forbidden,
        [ErrorCodes.ComplaintNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.InvalidComplaintTransition] = StatusCodes.Status409Conflict,
        [ErrorCodes.CannotComplainAboutSelf] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ComplaintConversationAttached] = StatusCodes.Status409Conflict,
        [ErrorCodes.BrandNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.BrandNameTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.BrandNotPending] = StatusCodes.Status409Conflict,
        [ErrorCodes.RankTooLow] = StatusCodes.Status403Forbidden,
        [ErrorCodes.BrandNotAssignable] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.SaleEventNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.CouponNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.CouponCodeTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.CouponExpired] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.CouponNotApplicable] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.CouponMinOrder] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.CouponExhausted] = StatusCodes.Status409Conflict,
        [ErrorCodes.CouponUserLimit] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReferralCodeNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.ReferralCodeTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.SelfReferral] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.CommissionRuleNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.CommissionRuleExists] = StatusCodes.Status409Conflict,
        [ErrorCodes.AdOpportunityNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.AdEngagementNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.InvalidAdTransition] = StatusCodes.Status409Conflict,
        [ErrorCodes.AdBudgetExceeded] = StatusCodes.Status409Conflict,
        [ErrorCodes.AdOwnOpportunity] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.AdApplicationsFull] = StatusCodes.Status409Conflict,
        [ErrorCodes.InvestorNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.WebhookSignatureInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.PaymentProviderFailed] = StatusCodes.Status502BadGateway,
        [ErrorCodes.RefundExceedsPaid] = StatusCodes.Status409Conflict,
        [ErrorCodes.ReadModelUnavailable] = StatusCodes.Status503ServiceUnavailable,
        [ErrorCodes.OutcomeUnknown] = StatusCodes.Status503ServiceUnavailable,
        [ErrorCodes.InternalError] = StatusCodes.Status500InternalServerError,
    };

    private static readonly Dictionary<int, string> CodeByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = "bad-request",
        [StatusCodes.Status401Unauthorized] = ErrorCodes.Unauthenticated,
        [StatusCodes.Status403Forbidden] = ErrorCodes.Forbidden,
        [StatusCodes.Status404NotFound] = ErrorCodes.NotFound,
        [StatusCodes.Status405MethodNotAllowed] = "method-not-allowed",
        [StatusCodes.Status413PayloadTooLarge] = ErrorCodes.RequestTooLarge,
        [StatusCodes.Status415UnsupportedMediaType] = ErrorCodes.UnsupportedMediaType,
        [StatusCodes.Status429TooManyRequests] = ErrorCodes.TooManyAttempts,
        [StatusCodes.Status500InternalServerError] = ErrorCodes.InternalError,
    };

    public static int StatusOf(string code) => StatusByCode.TryGetValue(code, out var status) ? status : StatusCodes.Status409Conflict;

    /// <summary>The code of a problem the framework produced itself (401 from authentication, 404 from routing…).</summary>
    public static string CodeOf(int status) => CodeByStatus.TryGetValue(status, out var code) ? code : $"http-{status}";

    public static ProblemHttpResult For(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Field is not null)
        {
            extensions["field"] = error.Field;
        }

        foreach (var (name, value) in error.Figures ?? new Dictionary<string, long>())
        {
            extensions[name] = value;
        }

        foreach (var (name, value) in error.Labels ?? new Dictionary<string, string>())
        {
            extensions[name] = value;
        }

        return TypedResults.Problem(error.Detail, statusCode: StatusOf(error.Code), title: Title(error.Code), type: $"https://grainmarket.dev/problems/{error.Code}", extensions: extensions);
    }

    /// <summary>A 400 naming the field and the rule it broke.</summary>
    public static ProblemHttpResult Invalid(string field, string rule) => For(DomainError.Invalid(field, rule));

    public static ProblemHttpResult NotFound(string what) => For(new DomainError(ErrorCodes.NotFound, $"{what} was not found."));

    private static string Title(string code) => string.Concat(code[..1].ToUpperInvariant(), code[1..].Replace('-', ' '));
}
