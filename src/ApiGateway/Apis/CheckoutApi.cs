using System.Diagnostics;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Apis.Promoters;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.Payments;
using GrainMarket.Common;
using GrainMarket.Diagnostics;
using GrainMarket.Orders;
using GrainMarket.Payments;
using GrainMarket.Promotions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Checkout: one transaction reserves the stock of every line, holds the buyer's money, creates the order and empties
/// the cart, or changes nothing. The order id comes from the buyer and the Idempotency-Key, so a retry returns the
/// same order and charges once. The optional <c>expectedTotal</c> is the total the buyer saw: when the catalog's total
/// differs, the checkout answers 409 price-changed with <c>currentTotal</c> and changes nothing. With
/// <c>paymentMethod: "card"</c> the order is placed awaiting payment (stock reserved, nothing held) and a provider
/// payment for its total is created under a key derived from the order, so a retry finds the same one; the answer
/// carries its <c>clientSecret</c>, and the provider's webhook places the order (docs/payments.md).
/// </summary>
public static class CheckoutApi
{
    /// <summary>What a checkout with a <c>couponCode</c> may answer about the coupon.</summary>
    private static readonly string[] CouponRefusals = [ErrorCodes.CouponNotFound, ErrorCodes.CouponExpired, ErrorCodes.CouponNotApplicable, ErrorCodes.CouponMinOrder, ErrorCodes.CouponExhausted, ErrorCodes.CouponUserLimit];

    /// <summary>What a checkout with a <c>referralCode</c> may answer about it (a code from a link's cookie is never refused).</summary>
    private static readonly string[] ReferralRefusals = [ErrorCodes.ReferralCodeNotFound, ErrorCodes.SelfReferral];

    public static RouteGroupBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checkout").WithTags("Checkout").RequireAuthorization(Policies.Buyer);
        api.MapPost("/", CheckoutAsync).WithMetadata(new IdempotentAttribute(), new UsageRateLimits.Limit(UsageRateLimits.Checkout)).WithSummary("Place an order for everything in your cart and pay for it from your wallet or by card.").ProducesProblems([ErrorCodes.PaymentProviderFailed, ErrorCodes.CartEmpty, ErrorCodes.PriceChanged, ErrorCodes.InsufficientStock, ErrorCodes.InsufficientFunds, ErrorCodes.ProductUnavailable, ErrorCodes.CannotBuyOwnProduct, ErrorCodes.AddressUnserviceable, ErrorCodes.ParcelTooHeavy, ErrorCodes.AddressNotFound, .. CouponRefusals, .. ReferralRefusals]);
        api.MapPost("/buy-now", BuyNowAsync).WithMetadata(new IdempotentAttribute(), new UsageRateLimits.Limit(UsageRateLimits.Checkout)).WithSummary("Buy one product now, without the cart.").ProducesProblems([ErrorCodes.PaymentProviderFailed, ErrorCodes.ProductNotFound, ErrorCodes.PriceChanged, ErrorCodes.InsufficientStock, ErrorCodes.InsufficientFunds, ErrorCodes.ProductUnavailable, ErrorCodes.CannotBuyOwnProduct, ErrorCodes.AddressUnserviceable, ErrorCodes.ParcelTooHeavy, ErrorCodes.AddressNotFound, .. CouponRefusals, .. ReferralRefusals]);
        api.MapPost("/quote", QuoteAsync).WithSummary("See exactly what a checkout would charge now, coupon and shipping included, without placing it.").ProducesProblems([ErrorCodes.CartEmpty, ErrorCodes.ProductNotFound, ErrorCodes.ProductUnavailable, ErrorCodes.CannotBuyOwnProduct, ErrorCodes.AddressUnserviceable, ErrorCodes.ParcelTooHeavy, ErrorCodes.AddressNotFound, .. CouponRefusals]);
        return api;
    }

    public static async Task<Results<Ok<CheckoutQuoteResponse>, ProblemHttpResult>> QuoteAsync(CheckoutQuoteRequest request, HttpContext http, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            request.ProductId == Guid.Empty ? DomainError.Invalid("productId", "must not be empty") : null,
            request.ProductId is null ? (request.Quantity is null ? null : DomainError.Invalid("quantity", "goes with productId"))
                : request.Quantity is null ? DomainError.Invalid("quantity", "is required with productId") : Validation.Range(request.Quantity, "quantity", 1, 10_000),
            AddressRule(request.ShippingAddress, request.AddressId),
            CouponRule(request.CouponCode));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var address = await AddressAsync(http, grains, request.ShippingAddress, request.AddressId);
        if (address.Value is not { } shipTo)
        {
            return DomainProblems.For(address.Error!);
        }

        IReadOnlyList<CartLine>? lines = request.ProductId is { } productId ? [new CartLine(productId, request.Quantity!.Value)] : null;
        var quoted = await grains.GetGrain<ICheckoutQuoteGrain>(0).QuoteAsync(new PlaceOrder(http.User.UserId(), lines, shipTo, null, Coupon(request.CouponCode)));
        return quoted.Value is { } quote
            ? TypedResults.Ok(new CheckoutQuoteResponse(quote.Lines, quote.Coupon, quote.ShippingCharge, quote.Total, settings.Currency))
            : DomainProblems.For(quoted.Error!);
    }

    public static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> CheckoutAsync(CheckoutRequest request, HttpContext http, IGrainFactory grains, MarketplaceSettings settings, PaymentProviders providers)
    {
        var invalid = Validation.First(
            AddressRule(request.ShippingAddress, request.AddressId),
            ExpectedTotalRule(request.ExpectedTotal),
            CouponRule(request.CouponCode),
            ReferralRule(request.ReferralCode),
            PaymentMethodRule(request.PaymentMethod, providers),
            PayerPhoneRule(request.PaymentMethod, request.PayerPhone));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var address = await AddressAsync(http, grains, request.ShippingAddress, request.AddressId);
        return address.Value is { } shipTo
            ? await PlaceAsync(http, grains, settings, providers, ReferralCookie.Attribute(new PlaceOrder(http.User.UserId(), null, shipTo, request.ExpectedTotal, Coupon(request.CouponCode)).WithPayment(request.PaymentMethod, providers), http, request.ReferralCode), request.PayerPhone)
            : DomainProblems.For(address.Error!);
    }

    public static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> BuyNowAsync(BuyNowRequest request, HttpContext http, IGrainFactory grains, MarketplaceSettings settings, PaymentProviders providers)
    {
        var invalid = Validation.First(
            request.ProductId is null || request.ProductId == Guid.Empty ? DomainError.Invalid("productId", "is required") : null,
            request.Quantity is null ? DomainError.Invalid("quantity", "is required") : Validation.Range(request.Quantity, "quantity", 1, 10_000),
            AddressRule(request.ShippingAddress, request.AddressId),
            ExpectedTotalRule(request.ExpectedTotal),
            CouponRule(request.CouponCode),
            ReferralRule(request.ReferralCode),
            PaymentMethodRule(request.PaymentMethod, providers),
            PayerPhoneRule(request.PaymentMethod, request.PayerPhone));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var address = await AddressAsync(http, grains, request.ShippingAddress, request.AddressId);
        return address.Value is { } shipTo
            ? await PlaceAsync(http, grains, settings, providers, ReferralCookie.Attribute(new PlaceOrder(http.User.UserId(), [new CartLine(request.ProductId!.Value, request.Quantity!.Value)], shipTo, request.ExpectedTotal, Coupon(request.CouponCode)).WithPayment(request.PaymentMethod, providers), http, request.ReferralCode), request.PayerPhone)
            : DomainProblems.For(address.Error!);
    }

    /// <summary>Exactly one of a written-out address and a saved one.</summary>
    private static DomainError? AddressRule(AddressRequest? shippingAddress, Guid? addressId) =>
        (shippingAddress, addressId) switch
        {
            (null, null) => DomainError.Invalid("shippingAddress", "is required: give shippingAddress, or addressId (a saved address)"),
            (not null, not null) => DomainError.Invalid("addressId", "give either addressId or shippingAddress, not both"),
            (null, _) => null,
            _ => shippingAddress.Check(),
        };

    /// <summary>The address the order keeps a copy of: the one written out, or the buyer's saved address as it is now.</summary>
    private static async Task<Result<ShippingAddress>> AddressAsync(HttpContext http, IGrainFactory grains, AddressRequest? shippingAddress, Guid? addressId) =>
        addressId is { } id ? await AddressesApi.ShippingAddressAsync(grains, http.User.UserId(), id, "addressId") : shippingAddress!.ToAddress();

    private static DomainError? ExpectedTotalRule(long? expectedTotal) =>
        expectedTotal is < 0 ? DomainError.Invalid("expectedTotal", "must not be negative") : null;

    private static DomainError? CouponRule(string? couponCode) =>
        couponCode is null || CouponCodes.IsValid(couponCode) ? null : DomainError.Invalid("couponCode", "must be 3 to 32 letters, digits, '-' or '_'");

    private static DomainError? ReferralRule(string? referralCode) =>
        referralCode is null || CouponCodes.IsValid(referralCode) ? null : DomainError.Invalid("referralCode", "must be 3 to 32 letters, digits, '-' or '_'");

    /// <summary><c>wallet</c> (or none) always; a provider's method only when a provider serving it is offered.</summary>
    internal static DomainError? PaymentMethodRule(string? method, PaymentProviders providers) => method switch
    {
        null or PaymentMethods.Wallet => null,
        _ when !PaymentMethods.ByProvider(method) => DomainError.Invalid("paymentMethod", $"must be one of {string.Join(", ", PaymentMethods.All)}"),
        _ when providers.For(method) is null => DomainError.Invalid("paymentMethod", $"{method} payments are not offered on this marketplace: pay with {string.Join(" or ", [PaymentMethods.Wallet, .. providers.All.SelectMany(p => p.Methods)])}"),
        _ => null,
    };

    /// <summary>An M-Pesa payment is pushed to the payer's phone: <c>payerPhone</c>, a Kenyan mobile number, is required with it.</summary>
    internal static DomainError? PayerPhoneRule(string? method, string? payerPhone) =>
        method == PaymentMethods.Mpesa && MpesaPhone.Normalize(payerPhone) is null
            ? DomainError.Invalid("payerPhone", payerPhone is null ? $"is required to pay by M-Pesa, and {MpesaPhone.Rule}" : MpesaPhone.Rule)
            : null;

    /// <summary>
    /// A provider that charges whole units only (M-Pesa: whole shillings, <see cref="IPaymentProvider.AmountStep"/>) cannot
    /// be asked for <paramref name="amount"/> unless it is a multiple of them: refused naming <paramref name="field"/>.
    /// </summary>
    internal static DomainError? AmountStepRule(IPaymentProvider provider, long amount, string field) =>
        amount % provider.AmountStep == 0
            ? null
            : DomainError.Invalid(field, $"{provider.Name} charges only multiples of {provider.AmountStep} minor units (M-Pesa: whole shillings), and {amount} is not one");

    /// <summary>The checkout with its payment method and the provider that serves it (wallet: neither).</summary>
    private static PlaceOrder WithPayment(this PlaceOrder command, string? method, PaymentProviders providers) =>
        PaymentMethods.ByProvider(method) ? command with { PaymentMethod = method, PaymentProvider = providers.For(method)!.Name } : command;

    private static string? Coupon(string? couponCode) => couponCode is null ? null : CouponCodes.Normalize(couponCode);

    /// <summary>Places the order; its duration goes to <see cref="MarketMetrics.CheckoutDuration"/>, tagged with the outcome.</summary>
    private static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> PlaceAsync(HttpContext http, IGrainFactory grains, MarketplaceSettings settings, PaymentProviders providers, PlaceOrder command, string? payerPhone)
    {
        var orderId = OrderIds.FromIdempotencyKey(command.BuyerId, http.Request.Headers[IdempotencyMiddleware.Header].ToString());
        if (providers.Find(command.PaymentProvider) is { AmountStep: > 1 } stepped && await grains.GetGrain<IOrderGrain>(orderId).GetAsync() is null)
        {
            // Quoted first, so that a total the provider cannot charge is refused before anything is reserved; placed
            // expecting the quoted total, so that a price changing meanwhile is price-changed, never an unchargeable order.
            // (A retry of a checkout that placed its order finds that order below, as before.)
            var quoted = await grains.GetGrain<ICheckoutQuoteGrain>(0).QuoteAsync(command);
            if ((quoted.Error ?? AmountStepRule(stepped, quoted.Value!.Total, "paymentMethod")) is { } unchargeable)
            {
                return DomainProblems.For(unchargeable);
            }

            command = command with { ExpectedTotal = command.ExpectedTotal ?? quoted.Value!.Total };
        }

        using var activity = MarketMetrics.ActivitySource.StartActivity("checkout");
        activity?.SetTag("grainmarket.order.id", orderId);
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var result = await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(command);
            outcome = result.Error?.Code ?? "placed";
            if (result.Value is not { } order)
            {
                return DomainProblems.For(result.Error!);
            }

            var response = OrderResponse.From(order, settings.Currency);
            if (order is { Status: OrderStatuses.AwaitingPayment, AuctionId: null, Payment: { PaymentId: null } payment } && providers.Find(payment.Provider) is { } provider)
            {
                try
                {
                    // Keyed by the order: a retried checkout (or one whose first answer timed out) finds the same payment.
                    var request = new PaymentRequest($"order:{order.Id:N}", order.Total, settings.Currency, PaymentPurposes.Order, order.BuyerId, order.Id, payerPhone);
                    var created = await http.RequestServices.GetRequiredService<PaymentOpener>().CreateAsync(provider, request, order.PaymentDueAt, http.RequestAborted);
                    response = response with { Payment = payment with { PaymentId = created.PaymentId }, ClientSecret = created.ClientSecret, ClientKey = created.ClientKey };
                }
                catch (PaymentProviderException exception)
                {
                    // The order waits, stock reserved, until its deadline; the same Idempotency-Key asks the provider again.
                    outcome = ErrorCodes.PaymentProviderFailed;
                    return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, $"{exception.Message} The order {order.Id} waits for its payment until {order.PaymentDueAt:O}."));
                }
            }

            return TypedResults.Created($"/api/orders/{order.Id}", response);
        }
        finally
        {
            activity?.SetTag("grainmarket.checkout.outcome", outcome);
            MarketMetrics.CheckoutDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
