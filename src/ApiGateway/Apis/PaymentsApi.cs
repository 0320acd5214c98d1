using System.Security.Claims;
using System.Text;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Apis.Payments;
using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.Payments;
using GrainMarket.Common;
using GrainMarket.Orders;
using GrainMarket.Payments;
using GrainMarket.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Payments through providers (docs/payments.md): the providers on offer, their signed webhooks (verified before the
/// body is read, each event applied once by its payment grain), Razorpay Checkout's signed callback (applied the same way),
/// and wallet top-ups paid through a provider.
/// </summary>
public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payments").WithTags("Payments");
        api.MapGet("/providers", ListProviders).AllowAnonymous().WithSummary("See which payment providers you can pay with.");
        api.MapPost("/webhooks/{provider}", WebhookAsync).AllowAnonymous().WithSummary("Receive a payment event from a provider (signed by the provider, or by the token in its address).").ProducesProblems(ErrorCodes.WebhookSignatureInvalid, ErrorCodes.PaymentProviderFailed);
        api.MapPost("/razorpay/confirm", ConfirmRazorpayAsync).RequireAuthorization()
            .WithSummary("Confirm a Razorpay payment with the fields Razorpay Checkout's handler received (signed by Razorpay).")
            .ProducesProblems(ErrorCodes.NotFound, ErrorCodes.PaymentProviderFailed);
        app.MapPost("/api/admin/orders/{id:guid}/refund", RefundAsync).WithTags("Admin: orders").RequireAuthorization(Policies.Admin).WithMetadata(new IdempotentAttribute())
            .WithSummary("Refund all or part of an order to the buyer's wallet, or to their card if they paid by card.")
            .ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition, ErrorCodes.RefundExceedsPaid, ErrorCodes.SellerFundsInsufficient, ErrorCodes.PaymentProviderFailed);
        app.MapPost("/api/wallet/topups", TopupAsync).WithTags("Wallet").RequireAuthorization().WithMetadata(new IdempotentAttribute())
            .WithSummary("Add money to your wallet by card.").ProducesProblems(ErrorCodes.PaymentProviderFailed);
        return app;
    }

    public static Ok<ProviderList> ListProviders(PaymentProviders providers) =>
        TypedResults.Ok(new ProviderList([.. providers.All.Select(p => new ProviderSummary(p.Name, p.Methods))]));

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> WebhookAsync(
        string provider, [FromQuery(Name = "for")] string? paidFor, string? token, HttpRequest request, PaymentProviders providers, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (providers.Find(provider) is not { } found)
        {
            return DomainProblems.NotFound($"Payment provider {provider}");
        }

        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(cancellationToken);
        }

        var reading = found.ReadWebhook(request.Headers, new WebhookAddress(paidFor, token), body, time.GetUtcNow());
        if (reading.Refusal is { } refusal)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.WebhookSignatureInvalid, refusal, reading.Field));
        }

        // An unsigned report (an M-Pesa success) counts only as far as the provider confirms it when asked.
        var events = reading.Events;
        if (reading.Unconfirmed.Count > 0)
        {
            try
            {
                events = [.. events, .. await found.ConfirmAsync(reading.Unconfirmed, cancellationToken)];
            }
            catch (PaymentProviderException exception)
            {
                return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, $"{exception.Message} The callback could not be confirmed; deliver it again."));
            }
        }

        foreach (var payment in events)
        {
            await TransactionRetry.RunAsync(() => grains.GetGrain<IPaymentGrain>(PaymentKeys.For(payment.Provider, payment.PaymentId)).ApplyAsync(payment), cancellationToken);
        }

        var accounts = reading.Accounts ?? [];
        foreach (var account in accounts)
        {
            await TransactionRetry.RunAsync(() => grains.GetGrain<IPayoutAccountGrain>(account.SellerId).ApplyAsync(account), cancellationToken);
        }

        return TypedResults.Ok(new WebhookResponse(true, events.Count + accounts.Count));
    }

    /// <summary>
    /// Razorpay Checkout's handler callback, from the signed-in payer: <c>razorpay_signature</c> must be the HMAC-SHA256
    /// of <c>razorpay_order_id|razorpay_payment_id</c> under the key secret (checked before anything else is done), then
    /// the payment and its order are read from Razorpay, and a captured payment's success is applied by the payment
    /// grain exactly as a webhook's is: callback and <c>order.paid</c> webhook, in either order, credit once.
    /// </summary>
    public static async Task<Results<Ok<RazorpayConfirmResponse>, ProblemHttpResult>> ConfirmRazorpayAsync(
        RazorpayConfirmRequest? request, ClaimsPrincipal user, PaymentProviders providers, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            Validation.Required(request?.RazorpayOrderId, "razorpay_order_id", RazorpayProvider.ReceiptLength),
            Validation.Required(request?.RazorpayPaymentId, "razorpay_payment_id", RazorpayProvider.ReceiptLength),
            Validation.Required(request?.RazorpaySignature, "razorpay_signature", 64));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        if (providers.Find(RazorpayProvider.ProviderName) is not RazorpayProvider razorpay)
        {
            return DomainProblems.NotFound("Payment provider razorpay");
        }

        var (orderId, paymentId) = (request!.RazorpayOrderId!, request.RazorpayPaymentId!);
        if (!razorpay.SignsCheckout(orderId, paymentId, request.RazorpaySignature!))
        {
            return DomainProblems.Invalid("razorpay_signature", "must be the HMAC-SHA256 of razorpay_order_id|razorpay_payment_id under the key secret, as Razorpay Checkout gives it");
        }

        RazorpayCheckout checkout;
        try
        {
            checkout = await razorpay.ReadCheckoutAsync(orderId, paymentId, cancellationToken);
        }
        catch (PaymentProviderException exception)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, exception.Message));
        }

        if (checkout.UserId != user.UserId())
        {
            return DomainProblems.NotFound($"Razorpay order {orderId} of yours");
        }

        if (checkout.Succeeded is not { } succeeded)
        {
            return TypedResults.Ok(new RazorpayConfirmResponse(orderId, "pending", null));
        }

        var view = await TransactionRetry.RunAsync(() => grains.GetGrain<IPaymentGrain>(PaymentKeys.For(succeeded.Provider, succeeded.PaymentId)).ApplyAsync(succeeded), cancellationToken);
        return TypedResults.Ok(new RazorpayConfirmResponse(orderId, view.Status, view.Outcome));
    }

    public static async Task<Results<Created<RefundResponse>, ProblemHttpResult>> RefundAsync(
        Guid id,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] RefundOrderRequest? request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains,
        PaymentProviders providers,
        MarketplaceSettings settings,
        CancellationToken cancellationToken)
    {
        if (request?.Amount is { } asked && Validation.Positive(asked, "amount") is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var adminId = user.UserId();
        var refundId = OperationIds.Refund(adminId, idempotencyKey);
        var refunded = await TransactionRetry.RunAsync(() => grains.GetGrain<IOrderGrain>(id).RefundAsync(new OrderRefund(refundId, request?.Amount, adminId)), cancellationToken);
        if (refunded.Value is not { } refund)
        {
            return DomainProblems.For(refunded.Error!);
        }

        string? providerRefundId = null;
        if (refund is { PaymentId: { } paymentId } && PaymentMethods.ByProvider(refund.Destination))
        {
            // The ledger has paid it out (WITHDRAWAL); the provider is asked under the refund's own key, so the admin's
            // retry with the same Idempotency-Key asks again without paying twice.
            try
            {
                var provider = providers.Find(refund.Provider) ?? throw new PaymentProviderException($"{refund.Provider} is not configured on this gateway.");
                providerRefundId = (await provider.RefundAsync(new RefundRequest($"refund:{refund.Id:N}", paymentId, refund.Amount), cancellationToken)).RefundId;
            }
            catch (PaymentProviderException exception)
            {
                return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, $"{exception.Message} The refund {refund.Id} is recorded; retry with the same Idempotency-Key to send it to the card."));
            }
        }

        return TypedResults.Created((string?)null, new RefundResponse(refund.Id, refund.OrderId, refund.Amount, settings.Currency, refund.BeforeSettlement, refund.Destination, refund.Provider, refund.PaymentId, providerRefundId));
    }

    /// <summary>
    /// Pays an order awaiting payment (a pay-after-win auction's): from the wallet at once, or by card, which answers the
    /// order with a provider payment for its total (keyed by the order, so asking again finds the same one) whose webhook
    /// places it, as a card checkout's does.
    /// </summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> PayOrderAsync(
        Guid id,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] PayOrderRequest? request,
        ClaimsPrincipal user,
        IGrainFactory grains,
        MarketplaceSettings settings,
        PaymentProviders providers,
        PaymentOpener opener,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var method = request?.PaymentMethod ?? PaymentMethods.Wallet;
        if (method == PaymentMethods.Wallet)
        {
            return await OrdersApi.StepAsync(id, user, grains, settings, (o, a) => o.PayAsync(a));
        }

        if ((CheckoutApi.PaymentMethodRule(method, providers) ?? CheckoutApi.PayerPhoneRule(method, request?.PayerPhone)) is { } unpayable)
        {
            return DomainProblems.For(unpayable);
        }

        var provider = providers.For(method)!;

        var view = await grains.GetGrain<IOrderGrain>(id).GetAsync();
        if (view is null || view.BuyerId != user.UserId())
        {
            return DomainProblems.For(new DomainError(ErrorCodes.OrderNotFound, "The order was not found."));
        }

        if (view.Status != OrderStatuses.AwaitingPayment || time.GetUtcNow() >= view.PaymentDueAt)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} (payment due by {view.PaymentDueAt:O}) cannot be paid now."));
        }

        if (CheckoutApi.AmountStepRule(provider, view.Total, "paymentMethod") is { } unchargeable)
        {
            return DomainProblems.For(unchargeable);
        }

        try
        {
            var payment = await opener.CreateAsync(provider, new PaymentRequest($"order:{id:N}", view.Total, settings.Currency, PaymentPurposes.Order, view.BuyerId, id, request?.PayerPhone), view.PaymentDueAt, cancellationToken);
            return TypedResults.Ok(OrderResponse.For(view, user, settings.Currency) with
            {
                Payment = new OrderPayment(method, provider.Name, payment.PaymentId, view.Total),
                ClientSecret = payment.ClientSecret,
                ClientKey = payment.ClientKey,
            });
        }
        catch (PaymentProviderException exception)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, exception.Message));
        }
    }

    public static async Task<Results<Created<TopupResponse>, ProblemHttpResult>> TopupAsync(
        TopupRequest? request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        PaymentProviders providers,
        PaymentOpener opener,
        MarketplaceSettings settings,
        CancellationToken cancellationToken)
    {
        var provider = request?.Provider is { } named ? providers.Find(named) : providers.For(PaymentMethods.Card);
        var invalid = Validation.Positive(request?.Amount, "amount")
            ?? (request!.Amount > WalletKeys.MaxAmount ? DomainError.Invalid("amount", $"must be at most {WalletKeys.MaxAmount}") : null)
            ?? (provider is null ? DomainError.Invalid("provider", providers.All.Count == 0 ? "no payment provider is offered on this marketplace" : $"must be one of {string.Join(", ", providers.All.Select(p => p.Name))}") : null)
            ?? CheckoutApi.PayerPhoneRule(PaymentMethods.Of(provider!.Name), request.PayerPhone)
            ?? CheckoutApi.AmountStepRule(provider, request.Amount!.Value, "amount");
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var userId = user.UserId();
        var amount = request!.Amount!.Value;
        try
        {
            var payment = await opener.CreateAsync(provider!, new PaymentRequest(OperationIds.Topup(userId, idempotencyKey), amount, settings.Currency, PaymentPurposes.Topup, userId, PayerPhone: request.PayerPhone), null, cancellationToken);
            return TypedResults.Created((string?)null, new TopupResponse(payment.PaymentId, payment.Provider, amount, settings.Currency, payment.ClientSecret, payment.Status, payment.ClientKey));
        }
        catch (PaymentProviderException exception)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.PaymentProviderFailed, exception.Message));
        }
    }
}
