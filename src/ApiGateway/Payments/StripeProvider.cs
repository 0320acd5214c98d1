using GrainMarket.Orders;
using GrainMarket.Payments;
using Stripe;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Stripe through Stripe.net: PaymentIntents for payments, Refunds for refunds, and webhooks verified with
/// <c>EventUtility</c> (the <c>Stripe-Signature</c> HMAC-SHA256 over <c>"{t}.{body}"</c> under the endpoint secret,
/// within 300 s) before they are parsed. Every call carries our idempotency key as Stripe's <c>Idempotency-Key</c>;
/// Stripe.net's own retries are off, and an attempt that times out or cannot connect is tried again here with the same
/// key, so a retry returns the first object and never charges twice.
/// </summary>
public sealed class StripeProvider : IPaymentProvider, IPayoutProvider
{
    private readonly StripeSettings _settings;
    private readonly StripeClient _client;
    private readonly ILogger<StripeProvider> _logger;

    private const string SignatureHeader = "Stripe-Signature";

    public StripeProvider(StripeSettings settings, HttpClient http, ILogger<StripeProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _logger = logger;
        _client = new StripeClient(settings.SecretKey, httpClient: new SystemNetHttpClient(http, maxNetworkRetries: 0, enableTelemetry: false), apiBase: settings.ApiBase.AbsoluteUri.TrimEnd('/'));
    }

    public string Name => "stripe";

    public IReadOnlyList<string> Methods { get; } = [PaymentMethods.Card];

    public async Task<ProviderPayment> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = new Dictionary<string, string> { ["purpose"] = request.Purpose, ["user_id"] = request.UserId.ToString() };
        if (request.OrderId is { } orderId)
        {
            metadata["order_id"] = orderId.ToString();
        }

        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount,
            Currency = request.Currency.ToLowerInvariant(),
            Metadata = metadata,
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
        };
        var intent = await CallAsync("create a PaymentIntent", request.IdempotencyKey, (requestOptions, token) => new PaymentIntentService(_client).CreateAsync(options, requestOptions, token), cancellationToken);
        return new ProviderPayment(Name, intent.Id, intent.ClientSecret, intent.Status);
    }

    public async Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new RefundCreateOptions { PaymentIntent = request.PaymentId, Amount = request.Amount };
        var refund = await CallAsync("create a Refund", request.IdempotencyKey, (requestOptions, token) => new RefundService(_client).CreateAsync(options, requestOptions, token), cancellationToken);
        return new ProviderRefund(refund.Id, refund.Status);
    }

    public WebhookReading ReadWebhook(IHeaderDictionary headers, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signature = headers[SignatureHeader].ToString();
        if (signature.Length == 0)
        {
            return WebhookReading.Refused(SignatureHeader, "The Stripe-Signature header is missing.");
        }

        Event stripeEvent;
        if (!Signs(body, signature, _settings.WebhookSecret, now) && (_settings.ConnectWebhookSecret is not { } connect || !Signs(body, signature, connect, now)))
        {
            return WebhookReading.Refused(SignatureHeader, "The Stripe-Signature header does not sign this body within the tolerance of 300 s.");
        }

        try
        {
            // Signed by Stripe, so it is read now; the API version is the endpoint's setting at Stripe, not ours to refuse.
            stripeEvent = EventUtility.ParseEvent(body, throwOnApiVersionMismatch: false);
        }
        catch (Exception exception) when (exception is StripeException or Newtonsoft.Json.JsonException)
        {
            return WebhookReading.Refused(SignatureHeader, "The signed body is not a Stripe event.");
        }

        if (stripeEvent is { Type: EventTypes.AccountUpdated, Data.Object: Account account })
        {
            return new WebhookReading(null, [], Accounts: AccountUpdate(stripeEvent, account) is { } update ? [update] : []);
        }

        return new WebhookReading(null, Translate(stripeEvent) is { } translated ? [translated] : []);
    }

    public async Task<IReadOnlyList<PaymentEvent>> VerifyAsync(string paymentId, CancellationToken cancellationToken)
    {
        var intent = await CallAsync("read a PaymentIntent", idempotencyKey: null, (requestOptions, token) => new PaymentIntentService(_client).GetAsync(paymentId, null, requestOptions, token), cancellationToken);
        if (Ours(intent.Metadata) is not { } owner)
        {
            return [];
        }

        var kind = intent.Status switch
        {
            "succeeded" => PaymentEventKinds.Succeeded,
            "canceled" => PaymentEventKinds.Failed,
            _ => null,
        };
        return kind is null
            ? []
            : [new PaymentEvent(Name, $"verify:{intent.Id}:{kind}", kind, intent.Id, kind == PaymentEventKinds.Succeeded ? intent.AmountReceived : 0, owner.Purpose, owner.UserId, owner.OrderId)];
    }

    /// <summary>The event in GrainMarket's terms, or null for a type (or a payment) GrainMarket did not create and does not use.</summary>
    private PaymentEvent? Translate(Event stripeEvent)
    {
        switch (stripeEvent.Data?.Object)
        {
            case PaymentIntent intent when stripeEvent.Type is EventTypes.PaymentIntentSucceeded or EventTypes.PaymentIntentPaymentFailed:
                var kind = stripeEvent.Type == EventTypes.PaymentIntentSucceeded ? PaymentEventKinds.Succeeded : PaymentEventKinds.Failed;
                return Ours(intent.Metadata) is { } owner
                    ? new PaymentEvent(Name, stripeEvent.Id, kind, intent.Id, kind == PaymentEventKinds.Succeeded ? intent.AmountReceived : 0, owner.Purpose, owner.UserId, owner.OrderId)
                    : null;
            case Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded && charge.PaymentIntentId is { Length: > 0 } paymentId:
                var of = Ours(charge.Metadata);
                return new PaymentEvent(Name, stripeEvent.Id, PaymentEventKinds.Refunded, paymentId, charge.AmountRefunded, of?.Purpose ?? "", of?.UserId ?? Guid.Empty, of?.OrderId);
            default:
                _logger.LogInformation("Stripe event {EventId} of type {EventType} acknowledged and ignored", stripeEvent.Id, stripeEvent.Type);
                return null;
        }
    }

    public async Task<string> CreateAccountAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var options = new AccountCreateOptions
        {
            Type = "express",
            Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
            Metadata = new Dictionary<string, string> { [SellerMetadata] = sellerId.ToString() },
        };
        var account = await CallAsync("create a connected account", $"payout-account:{sellerId}", (requestOptions, token) => new AccountService(_client).CreateAsync(options, requestOptions, token), cancellationToken);
        return account.Id;
    }

    public async Task<Uri> CreateOnboardingLinkAsync(string accountId, Uri refreshUrl, Uri returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refreshUrl);
        ArgumentNullException.ThrowIfNull(returnUrl);
        var options = new AccountLinkCreateOptions { Account = accountId, RefreshUrl = refreshUrl.AbsoluteUri, ReturnUrl = returnUrl.AbsoluteUri, Type = "account_onboarding" };

        // A link is single-use and short-lived: each call asks for a fresh one, so no idempotency key.
        var link = await CallAsync("create an onboarding link", idempotencyKey: null, (requestOptions, token) => new AccountLinkService(_client).CreateAsync(options, requestOptions, token), cancellationToken);
        return new Uri(link.Url);
    }

    public async Task<string> TransferAsync(PayoutTransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new TransferCreateOptions
        {
            Amount = request.Amount,
            Currency = request.Currency.ToLowerInvariant(),
            Destination = request.AccountId,
            TransferGroup = request.OrderId.ToString(),
            Metadata = new Dictionary<string, string> { ["order_id"] = request.OrderId.ToString(), [SellerMetadata] = request.SellerId.ToString() },
        };
        var transfer = await CallAsync("create a transfer", request.IdempotencyKey, (requestOptions, token) => new TransferService(_client).CreateAsync(options, requestOptions, token), cancellationToken);
        return transfer.Id;
    }

    /// <summary>
    /// What an <c>account.updated</c> event says a seller's connected account can do, or null for an account GrainMarket
    /// did not create. Stripe sends a transfer only to an account whose <c>transfers</c> capability is active; payouts
    /// enabled means it can pay the money on to the seller's bank.
    /// </summary>
    private PayoutAccountUpdate? AccountUpdate(Event stripeEvent, Account account)
    {
        if (account.Metadata is null || !account.Metadata.TryGetValue(SellerMetadata, out var seller) || !Guid.TryParse(seller, out var sellerId))
        {
            _logger.LogInformation("Stripe event {EventId}: account {AccountId} is not a seller's, ignored", stripeEvent.Id, account.Id);
            return null;
        }

        return new PayoutAccountUpdate(Name, stripeEvent.Id, account.Id, sellerId, new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)),
            account.PayoutsEnabled, account.ChargesEnabled, account.Capabilities?.Transfers == "active", account.DetailsSubmitted);
    }

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="body"/> under <paramref name="secret"/> within the tolerance at <paramref name="now"/>.</summary>
    private static bool Signs(string body, string signature, string secret, DateTimeOffset now)
    {
        try
        {
            EventUtility.ValidateSignature(body, signature, secret, StripeSettings.ToleranceSeconds, now.ToUnixTimeSeconds());
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    /// <summary>The metadata key naming the seller a connected account (and its transfers) belongs to.</summary>
    private const string SellerMetadata = "seller_id";

    /// <summary>What GrainMarket wrote into a payment's metadata when it created it; null for a payment it did not create.</summary>
    private static (string Purpose, Guid UserId, Guid? OrderId)? Ours(Dictionary<string, string>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue("purpose", out var purpose) || purpose is not (PaymentPurposes.Topup or PaymentPurposes.Order)
            || !metadata.TryGetValue("user_id", out var user) || !Guid.TryParse(user, out var userId))
        {
            return null;
        }

        Guid? orderId = metadata.TryGetValue("order_id", out var order) && Guid.TryParse(order, out var parsed) ? parsed : null;
        return purpose == PaymentPurposes.Order && orderId is null ? null : (purpose, userId, orderId);
    }

    /// <summary>
    /// One call, tried up to <see cref="StripeSettings.Attempts"/> times while an attempt times out or cannot connect,
    /// always with the same idempotency key; Stripe's refusal (a 4xx) is final.
    /// </summary>
    private async Task<T> CallAsync<T>(string what, string? idempotencyKey, Func<RequestOptions, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var requestOptions = new RequestOptions { IdempotencyKey = idempotencyKey };
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            try
            {
                return await call(requestOptions, timeout.Token);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Transient(exception))
            {
                _logger.LogWarning("Stripe: attempt {Attempt} to {What} ({IdempotencyKey}) failed: {Reason}", attempt, what, idempotencyKey, exception.GetType().Name);
                if (attempt == StripeSettings.Attempts)
                {
                    throw new PaymentProviderException($"Stripe could not be reached to {what}; try again with the same Idempotency-Key.", exception);
                }
            }
            catch (StripeException exception)
            {
                // A 409 is another request with this key still running at Stripe: not a refusal, its outcome is unknown.
                throw new PaymentProviderException($"Stripe refused to {what}: {exception.StripeError?.Message ?? exception.Message}", exception) { Refused = exception.HttpStatusCode != System.Net.HttpStatusCode.Conflict };
            }
        }
    }

    private static bool Transient(Exception exception) =>
        exception is OperationCanceledException or HttpRequestException
        || (exception is StripeException { HttpStatusCode: var status } && (int)status is 0 or >= 500 or 429);
}
