using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrainMarket.Orders;
using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Razorpay through its REST API (plain JSON, basic auth with the key id and key secret): an Order per payment (the
/// port's payment id is the Razorpay order id, found again by its <c>receipt</c> before one is created, so a retried
/// create makes none twice), refunds of the order's captured payment under Razorpay's <c>X-Refund-Idempotency</c>
/// header, webhooks checked against <c>X-Razorpay-Signature</c> (HMAC-SHA256 of the raw body under the webhook secret)
/// before they are parsed, and the Checkout handler's <c>razorpay_signature</c> (HMAC-SHA256 of
/// <c>order_id|payment_id</c> under the key secret). An attempt that times out, cannot connect or gets a 5xx or 429 is
/// tried again (three attempts); a 4xx is final.
/// </summary>
public sealed class RazorpayProvider : IPaymentProvider
{
    public const string ProviderName = "razorpay";

    /// <summary>Razorpay's limit on an order's <c>receipt</c>.</summary>
    public const int ReceiptLength = 40;

    private const string RefundIdempotencyHeader = "X-Refund-Idempotency";

    private readonly RazorpaySettings _settings;
    private readonly HttpClient _http;
    private readonly ILogger<RazorpayProvider> _logger;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue _authorization;

    public RazorpayProvider(RazorpaySettings settings, HttpClient http, ILogger<RazorpayProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _http = http;
        _logger = logger;
        _base = new Uri(settings.ApiBase.AbsoluteUri.TrimEnd('/') + "/");
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.KeyId}:{settings.KeySecret}")));
    }

    public string Name => ProviderName;

    public IReadOnlyList<string> Methods { get; } = [PaymentMethods.Razorpay];

    public async Task<ProviderPayment> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var receipt = Receipt(request.IdempotencyKey);
        var notes = new JsonObject { ["purpose"] = request.Purpose, ["user_id"] = request.UserId.ToString() };
        if (request.OrderId is { } orderId)
        {
            notes["order_id"] = orderId.ToString();
        }

        var order = await CallAsync("create an order", receipt, async token =>
        {
            // Razorpay orders carry no idempotency key: an earlier attempt (or request) under this key may have created
            // the order without our hearing the answer, so it is looked for by its receipt first.
            var found = await SendAsync(HttpMethod.Get, $"v1/orders?receipt={Uri.EscapeDataString(receipt)}", null, null, token);
            if (found["items"]?.AsArray().OfType<JsonObject>().FirstOrDefault(o => Text(o, "receipt") == receipt) is { } existing)
            {
                return existing;
            }

            var body = new JsonObject { ["amount"] = request.Amount, ["currency"] = request.Currency.ToUpperInvariant(), ["receipt"] = receipt, ["notes"] = notes.DeepClone() };
            return await SendAsync(HttpMethod.Post, "v1/orders", body, null, token);
        }, cancellationToken);
        return new ProviderPayment(Name, Text(order, "id") ?? throw new PaymentProviderException("Razorpay answered an order without an id."), null, Text(order, "status") ?? "created", _settings.KeyId);
    }

    public async Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = RefundKey(request.IdempotencyKey);
        var refund = await CallAsync("refund a payment", key, async token =>
        {
            var payments = await SendAsync(HttpMethod.Get, $"v1/orders/{Uri.EscapeDataString(request.PaymentId)}/payments", null, null, token);
            var captured = payments["items"]?.AsArray().OfType<JsonObject>().FirstOrDefault(p => p["captured"]?.GetValueKind() == JsonValueKind.True)
                ?? throw new HttpRequestException($"order {request.PaymentId} has no captured payment to refund", null, System.Net.HttpStatusCode.BadRequest);
            var body = new JsonObject { ["amount"] = request.Amount, ["receipt"] = Receipt(request.IdempotencyKey), ["notes"] = new JsonObject { ["idempotency_key"] = request.IdempotencyKey } };
            return await SendAsync(HttpMethod.Post, $"v1/payments/{Uri.EscapeDataString(Text(captured, "id")!)}/refund", body, key, token);
        }, cancellationToken);
        return new ProviderRefund(Text(refund, "id") ?? "", Text(refund, "status") ?? "");
    }

    public WebhookReading ReadWebhook(IHeaderDictionary headers, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var signature = headers[RazorpaySignature.WebhookHeader].ToString();
        if (signature.Length == 0)
        {
            return WebhookReading.Refused(RazorpaySignature.WebhookHeader, "The X-Razorpay-Signature header is missing.");
        }

        if (!RazorpaySignature.IsValid(body, signature, _settings.WebhookSecret))
        {
            return WebhookReading.Refused(RazorpaySignature.WebhookHeader, "The X-Razorpay-Signature header is not the HMAC-SHA256 of this body under the webhook secret.");
        }

        var eventId = headers[RazorpaySignature.EventIdHeader].ToString();
        if (eventId.Length is 0 or > 100)
        {
            return WebhookReading.Refused(RazorpaySignature.EventIdHeader, "The x-razorpay-event-id header is missing or longer than 100 characters.");
        }

        JsonObject razorpayEvent;
        try
        {
            razorpayEvent = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return WebhookReading.Refused(RazorpaySignature.WebhookHeader, "The signed body is not a Razorpay event.");
        }

        return new WebhookReading(null, Translate(eventId, razorpayEvent) is { } translated ? [translated] : []);
    }

    public async Task<IReadOnlyList<PaymentEvent>> VerifyAsync(string paymentId, CancellationToken cancellationToken)
    {
        var order = await CallAsync("read an order", null, token => SendAsync(HttpMethod.Get, $"v1/orders/{Uri.EscapeDataString(paymentId)}", null, null, token), cancellationToken);
        return Text(order, "status") == "paid" && Ours(order["notes"]) is { } owner
            ? [new PaymentEvent(Name, $"verify:{paymentId}:{PaymentEventKinds.Succeeded}", PaymentEventKinds.Succeeded, paymentId, Amount(order, "amount_paid"), owner.Purpose, owner.UserId, owner.OrderId)]
            : [];
    }

    /// <summary>Whether <paramref name="signature"/> is Checkout's signature of this order and payment under the key secret.</summary>
    public bool SignsCheckout(string orderId, string paymentId, string signature) =>
        RazorpaySignature.IsValid(RazorpaySignature.CheckoutMessage(orderId, paymentId), signature, _settings.KeySecret);

    /// <summary>
    /// Reads payment <paramref name="paymentId"/> and its order <paramref name="orderId"/> from Razorpay (a callback's
    /// fields are the client's word, signed or not; these are Razorpay's): who the order is for, the payment's status,
    /// and, once it is captured, the success to apply (event id <c>callback:{paymentId}</c>).
    /// </summary>
    public async Task<RazorpayCheckout> ReadCheckoutAsync(string orderId, string paymentId, CancellationToken cancellationToken)
    {
        var (payment, order) = await CallAsync("read a payment", null, async token =>
            (await SendAsync(HttpMethod.Get, $"v1/payments/{Uri.EscapeDataString(paymentId)}", null, null, token),
             await SendAsync(HttpMethod.Get, $"v1/orders/{Uri.EscapeDataString(orderId)}", null, null, token)), cancellationToken);
        var owner = Text(payment, "order_id") == orderId ? Ours(order["notes"]) : null;
        var status = Text(payment, "status") ?? "";
        var succeeded = owner is { } of && payment["captured"]?.GetValueKind() == JsonValueKind.True
            ? new PaymentEvent(Name, $"callback:{paymentId}", PaymentEventKinds.Succeeded, orderId, Amount(payment, "amount"), of.Purpose, of.UserId, of.OrderId)
            : null;
        return new RazorpayCheckout(owner?.UserId, status, succeeded);
    }

    /// <summary>
    /// An order's receipt for idempotency key <paramref name="key"/>: the key itself when it fits Razorpay's 40
    /// characters, otherwise <c>gm:</c> and the start of its SHA-256 (a top-up's key is longer).
    /// </summary>
    public static string Receipt(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= ReceiptLength ? key : ("gm:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))))[..ReceiptLength];
    }

    /// <summary>Our key in the characters <c>X-Refund-Idempotency</c> allows (letters, digits, <c>-</c> and <c>_</c>).</summary>
    private static string RefundKey(string key) =>
        string.Create(key.Length, key, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(source[i]) || source[i] is '-' or '_' ? source[i] : '_';
            }
        });

    /// <summary>The event in GrainMarket's terms, or null for a type (or an order) GrainMarket does not use.</summary>
    private PaymentEvent? Translate(string eventId, JsonObject razorpayEvent)
    {
        var type = Text(razorpayEvent, "event");
        var payload = razorpayEvent["payload"];
        var payment = payload?["payment"]?["entity"] as JsonObject;
        switch (type)
        {
            // The order's own notes say whom it is for; payment.captured carries only the payment (whose notes are the
            // client's), so order.paid is the success GrainMarket reads.
            case "order.paid" when (payload?["order"]?["entity"] is JsonObject order && Text(order, "id") is { } orderId && Ours(order["notes"]) is { } owner):
                return new PaymentEvent(Name, eventId, PaymentEventKinds.Succeeded, orderId, Amount(order, "amount_paid"), owner.Purpose, owner.UserId, owner.OrderId);
            case "payment.failed" when (payment is not null && Text(payment, "order_id") is { } failedOrder):
                return new PaymentEvent(Name, eventId, PaymentEventKinds.Failed, failedOrder, 0, "", Guid.Empty, null);
            case "refund.processed" when (payment is not null && Text(payment, "order_id") is { } refundedOrder):
                return new PaymentEvent(Name, eventId, PaymentEventKinds.Refunded, refundedOrder, Amount(payment, "amount_refunded"), "", Guid.Empty, null);
            default:
                _logger.LogInformation("Razorpay event {EventId} of type {EventType} acknowledged and ignored", eventId, type);
                return null;
        }
    }

    /// <summary>What GrainMarket wrote into an order's notes when it created it; null for an order it did not create (Razorpay writes empty notes as <c>[]</c>).</summary>
    private static (string Purpose, Guid UserId, Guid? OrderId)? Ours(JsonNode? notes)
    {
        if (notes is not JsonObject map || Text(map, "purpose") is not { } purpose || purpose is not (PaymentPurposes.Topup or PaymentPurposes.Order)
            || !Guid.TryParse(Text(map, "user_id"), out var userId))
        {
            return null;
        }

        Guid? orderId = Guid.TryParse(Text(map, "order_id"), out var parsed) ? parsed : null;
        return purpose == PaymentPurposes.Order && orderId is null ? null : (purpose, userId, orderId);
    }

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long Amount(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<long>(out var amount) ? amount : 0;

    /// <summary>One request; a refusal (4xx) or a failure (5xx) becomes an <see cref="HttpRequestException"/> with Razorpay's description and status.</summary>
    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, string? refundKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.Authorization = _authorization;
        if (refundKey is not null)
        {
            request.Headers.Add(RefundIdempotencyHeader, refundKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string? description = null;
            try
            {
                description = JsonNode.Parse(text)?["error"]?["description"]?.GetValue<string>();
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                // Not Razorpay's error body: the status says enough.
            }

            throw new HttpRequestException(description ?? $"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        return JsonNode.Parse(text) as JsonObject ?? throw new JsonException($"Razorpay answered {path} with something other than a JSON object.");
    }

    /// <summary>
    /// One call, tried up to <see cref="RazorpaySettings.Attempts"/> times while an attempt times out, cannot connect or
    /// gets a 5xx or 429; Razorpay's refusal (a 4xx) is final.
    /// </summary>
    private async Task<T> CallAsync<T>(string what, string? key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            try
            {
                return await call(timeout.Token);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Transient(exception))
            {
                _logger.LogWarning("Razorpay: attempt {Attempt} to {What} ({Key}) failed: {Reason}", attempt, what, key, exception.GetType().Name);
                if (attempt == RazorpaySettings.Attempts)
                {
                    throw new PaymentProviderException($"Razorpay could not be reached to {what}; try again with the same Idempotency-Key.", exception);
                }
            }
            catch (HttpRequestException exception)
            {
                throw new PaymentProviderException(string.Create(CultureInfo.InvariantCulture, $"Razorpay refused to {what} ({(int?)exception.StatusCode}): {exception.Message}"), exception);
            }
            catch (JsonException exception)
            {
                throw new PaymentProviderException($"Razorpay's answer when asked to {what} could not be read.", exception);
            }
        }
    }

    private static bool Transient(Exception exception) =>
        exception is OperationCanceledException
        || (exception is HttpRequestException { StatusCode: var status } && (status is null || (int)status >= 500 || (int)status == 429));
}
