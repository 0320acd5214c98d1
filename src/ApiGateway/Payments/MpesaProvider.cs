using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GrainMarket.Orders;
using GrainMarket.Payments;
using Orleans;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// M-Pesa through Safaricom's Daraja API, in its JSON wire format (docs/payments.md "M-Pesa"): an OAuth token
/// (<c>GET /oauth/v1/generate</c>, basic auth with the consumer key and secret) kept until a minute before it expires;
/// a payment is an STK push (<c>POST /mpesa/stkpush/v1/processrequest</c>) to the payer's phone whose
/// <c>CheckoutRequestID</c> is the port's payment id; a refund is a B2C payment to that phone
/// (<c>POST /mpesa/b2c/v3/paymentrequest</c>, our key as its <c>OriginatorConversationID</c>). Daraja does not sign its
/// callbacks: each callback address carries what the payment is for and a token (HMAC-SHA256 of it under
/// <see cref="MpesaSettings.CallbackSecret"/>) that <see cref="ReadWebhook(IHeaderDictionary, WebhookAddress, string, DateTimeOffset)"/>
/// checks first, and a success counts only once the STK push query (<c>POST /mpesa/stkpushquery/v1/query</c>) confirms it.
/// </summary>
public sealed class MpesaProvider : IPaymentProvider, IDisposable
{
    public const string ProviderName = "mpesa";

    /// <summary>Daraja's answer to a query about a push the phone has not answered yet.</summary>
    public const string StillProcessing = "500.001.1001";

    private static readonly TimeSpan Nairobi = TimeSpan.FromHours(3);

    /// <summary>Daraja's field names are PascalCase, as written (not the web defaults' camelCase).</summary>
    private static readonly JsonSerializerOptions Wire = new();

    /// <summary>What a callback address says the payment is for, in this order (absent ones empty), signed by its token.</summary>
    private static readonly string[] Signed = ["purpose", "user", "order", "payment", "amount", "phone"];

    private readonly MpesaSettings _settings;
    private readonly HttpClient _http;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<MpesaProvider> _logger;
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private (string Value, DateTimeOffset RenewAt)? _token;

    public MpesaProvider(MpesaSettings settings, HttpClient http, IGrainFactory grains, TimeProvider time, ILogger<MpesaProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        (_settings, _http, _grains, _time, _logger) = (settings, http, grains, time, logger);
        _http.BaseAddress = settings.ApiBase;
    }

    public string Name => ProviderName;

    public void Dispose() => _tokenGate.Dispose();

    public IReadOnlyList<string> Methods { get; } = [PaymentMethods.Mpesa];

    /// <summary>Daraja's <c>Amount</c> is whole shillings: 100 minor units of KES.</summary>
    public long AmountStep => 100;

    public async Task<ProviderPayment> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var phone = MpesaPhone.Normalize(request.PayerPhone) ?? throw new ArgumentException($"payerPhone {MpesaPhone.Rule}.", nameof(request));
        var shillings = Shillings(request.Amount);
        var callback = CallbackUrl(new()
        {
            ["purpose"] = request.Purpose,
            ["user"] = request.UserId.ToString("N"),
            ["order"] = request.OrderId?.ToString("N") ?? "",
            ["amount"] = request.Amount.ToString(CultureInfo.InvariantCulture),
            ["phone"] = phone,
        });
        var (password, timestamp) = Password();
        var body = new
        {
            BusinessShortCode = _settings.ShortCode,
            Password = password,
            Timestamp = timestamp,
            TransactionType = "CustomerPayBillOnline",
            Amount = shillings,
            PartyA = phone,
            PartyB = _settings.ShortCode,
            PhoneNumber = phone,
            CallBackURL = callback,
            AccountReference = request.OrderId is { } orderId ? $"GM{orderId:N}"[..12] : "GM-TOPUP",
            TransactionDesc = request.Purpose == PaymentPurposes.Order ? "Order" : "Wallet top-up",
        };

        // Never tried twice: Daraja has no idempotency key, and a second push is a second prompt on the payer's phone.
        var answer = await CallAsync("send an STK push", "/mpesa/stkpush/v1/processrequest", body, attempts: 1, cancellationToken);
        return answer.TryGetProperty("ResponseCode", out var code) && code.ToString() == "0" && answer.TryGetProperty("CheckoutRequestID", out var id)
            ? new ProviderPayment(Name, id.GetString()!, null, PaymentStatuses.Pending)
            : throw new PaymentProviderException($"M-Pesa did not accept the STK push: {answer}");
    }

    public async Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_settings.InitiatorName is null || _settings.SecurityCredential is null)
        {
            throw new PaymentProviderException("M-Pesa refunds (B2C payments) need GRAINMARKET_MPESA_INITIATOR_NAME and GRAINMARKET_MPESA_SECURITY_CREDENTIAL.");
        }

        var paid = await _grains.GetGrain<IPaymentGrain>(PaymentKeys.For(Name, request.PaymentId)).GetAsync();
        if (paid?.Payer is not { } phone)
        {
            throw new PaymentProviderException($"M-Pesa payment {request.PaymentId} has no confirmed payer to refund.");
        }

        var result = CallbackUrl(new()
        {
            ["purpose"] = "refund",
            ["payment"] = request.PaymentId,
            ["amount"] = request.Amount.ToString(CultureInfo.InvariantCulture),
            ["phone"] = phone,
        });
        var body = new
        {
            OriginatorConversationID = request.IdempotencyKey,
            InitiatorName = _settings.InitiatorName,
            SecurityCredential = _settings.SecurityCredential,
            CommandID = "BusinessPayment",
            Amount = Shillings(request.Amount),
            PartyA = _settings.ShortCode,
            PartyB = phone,
            Remarks = "GrainMarket refund",
            QueueTimeOutURL = result,
            ResultURL = result,
            Occasion = request.PaymentId,
        };

        // Our key is the OriginatorConversationID, so a retry after a timeout is the same payment, made once.
        var answer = await CallAsync("send a B2C refund", "/mpesa/b2c/v3/paymentrequest", body, MpesaSettings.Attempts, cancellationToken);
        return answer.TryGetProperty("ResponseCode", out var code) && code.ToString() == "0" && answer.TryGetProperty("ConversationID", out var id)
            ? new ProviderRefund(id.GetString()!, PaymentStatuses.Pending)
            : throw new PaymentProviderException($"M-Pesa did not accept the B2C refund: {answer}");
    }

    public WebhookReading ReadWebhook(IHeaderDictionary headers, string body, DateTimeOffset now) =>
        WebhookReading.Refused("token", "An M-Pesa callback is proved by the token in its address.");

    public WebhookReading ReadWebhook(IHeaderDictionary headers, WebhookAddress address, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address is not { For: { Length: > 0 } signed, Token: { Length: > 0 } token })
        {
            return WebhookReading.Refused("token", "The callback address carries no token.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(Token(signed))) || signed.Split('.') is not { Length: 6 } values)
        {
            return WebhookReading.Refused("token", "The token does not sign this callback address.");
        }

        var parts = Signed.Select((name, i) => (name, values[i])).ToDictionary(p => p.name, p => p.Item2);
        try
        {
            using var document = JsonDocument.Parse(body);
            return parts["purpose"] == "refund" ? ReadRefundResult(document.RootElement, parts) : ReadPushResult(document.RootElement, parts);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return WebhookReading.Refused("body", "The body is not a Daraja result callback.");
        }
    }

    public async Task<IReadOnlyList<PaymentEvent>> ConfirmAsync(IReadOnlyList<PaymentEvent> unconfirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unconfirmed);
        var confirmed = new List<PaymentEvent>();
        foreach (var reported in unconfirmed)
        {
            var resultCode = await QueryAsync(reported.PaymentId, cancellationToken);
            if (resultCode == 0 && reported.Kind == PaymentEventKinds.Succeeded)
            {
                confirmed.Add(reported);
            }
            else
            {
                _logger.LogWarning("M-Pesa callback reported {CheckoutRequestId} {Kind}, but the STK push query answers {ResultCode}: not applied", reported.PaymentId, reported.Kind, resultCode?.ToString(CultureInfo.InvariantCulture) ?? "still processing");
            }
        }

        return confirmed;
    }

    public async Task<IReadOnlyList<PaymentEvent>> VerifyAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (await QueryAsync(paymentId, cancellationToken) is not { } resultCode)
        {
            return [];
        }

        // Daraja's query does not say whom a push was for; a payment GrainMarket has applied an event of knows.
        if (await _grains.GetGrain<IPaymentGrain>(PaymentKeys.For(Name, paymentId)).GetAsync() is not { } known)
        {
            _logger.LogWarning("M-Pesa push {CheckoutRequestId} answered {ResultCode}, but no callback has said whom it was for: not applied", paymentId, resultCode);
            return [];
        }

        var kind = resultCode == 0 ? PaymentEventKinds.Succeeded : PaymentEventKinds.Failed;
        return [new PaymentEvent(Name, $"verify:{paymentId}:{kind}", kind, paymentId, kind == PaymentEventKinds.Succeeded ? known.Credited : 0, known.Purpose, known.UserId, known.OrderId, known.Payer)];
    }

    /// <summary>
    /// <c>{"Body":{"stkCallback":{MerchantRequestID, CheckoutRequestID, ResultCode, ResultDesc, CallbackMetadata}}}</c>:
    /// ResultCode 0 is a success to confirm (its event id the CheckoutRequestID: one result per push), anything else a
    /// failure (its own id, so a forged failure cannot take the success's place).
    /// </summary>
    private WebhookReading ReadPushResult(JsonElement root, Dictionary<string, string> parts)
    {
        var callback = root.GetProperty("Body").GetProperty("stkCallback");
        var checkoutId = callback.GetProperty("CheckoutRequestID").GetString() ?? throw new FormatException();
        var resultCode = callback.GetProperty("ResultCode").GetInt32();
        if (parts["purpose"] is not (PaymentPurposes.Topup or PaymentPurposes.Order) || !Guid.TryParseExact(parts["user"], "N", out var userId)
            || !long.TryParse(parts["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException();
        }

        Guid? orderId = Guid.TryParseExact(parts["order"], "N", out var order) ? order : null;
        if (resultCode != 0)
        {
            return new WebhookReading(null, [new PaymentEvent(Name, $"{checkoutId}:failed", PaymentEventKinds.Failed, checkoutId, 0, parts["purpose"], userId, orderId, parts["phone"])]);
        }

        var paid = Item(callback, "Amount");
        if (paid is { } shillings && shillings.GetDecimal() * AmountStep != amount)
        {
            _logger.LogWarning("M-Pesa callback for {CheckoutRequestId} reports {Paid} shillings, not the {Amount} minor units it was for: not applied", checkoutId, shillings, amount);
            return new WebhookReading(null, []);
        }

        return new WebhookReading(null, []) { Unconfirmed = [new PaymentEvent(Name, checkoutId, PaymentEventKinds.Succeeded, checkoutId, amount, parts["purpose"], userId, orderId, parts["phone"])] };
    }

    /// <summary>
    /// A B2C result, <c>{"Result":{ResultType, ResultCode, ResultDesc, OriginatorConversationID, ConversationID, TransactionID, …}}</c>:
    /// ResultCode 0 records the payment refunded (the money already left the ledger when the admin refunded it).
    /// </summary>
    private WebhookReading ReadRefundResult(JsonElement root, Dictionary<string, string> parts)
    {
        var result = root.GetProperty("Result");
        var conversation = result.GetProperty("OriginatorConversationID").GetString() ?? throw new FormatException();
        var amount = long.Parse(parts["amount"], NumberStyles.None, CultureInfo.InvariantCulture);
        if (result.GetProperty("ResultCode").ToString() != "0")
        {
            _logger.LogError("M-Pesa refused the B2C refund {OriginatorConversationId} of payment {CheckoutRequestId}: {ResultDesc}", conversation, parts["payment"], result.GetProperty("ResultDesc").ToString());
            return new WebhookReading(null, []);
        }

        return new WebhookReading(null, [new PaymentEvent(Name, $"b2c:{conversation}", PaymentEventKinds.Refunded, parts["payment"], amount, "", Guid.Empty, null, parts["phone"])]);
    }

    private static JsonElement? Item(JsonElement callback, string name)
    {
        if (!callback.TryGetProperty("CallbackMetadata", out var metadata) || !metadata.TryGetProperty("Item", out var items))
        {
            return null;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.GetProperty(nameof(Name)).GetString() == name && item.TryGetProperty("Value", out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The STK push query's ResultCode for <paramref name="checkoutRequestId"/>, or null while the phone has not answered.</summary>
    private async Task<int?> QueryAsync(string checkoutRequestId, CancellationToken cancellationToken)
    {
        var (password, timestamp) = Password();
        var body = new { BusinessShortCode = _settings.ShortCode, Password = password, Timestamp = timestamp, CheckoutRequestID = checkoutRequestId };
        var answer = await CallAsync("query an STK push", "/mpesa/stkpushquery/v1/query", body, MpesaSettings.Attempts, StillProcessing, cancellationToken);
        return answer is { } known ? int.Parse(known.GetProperty("ResultCode").ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Daraja's STK password, base64(shortcode + passkey + timestamp), and that timestamp (Nairobi time, yyyyMMddHHmmss).</summary>
    private (string Password, string Timestamp) Password()
    {
        var timestamp = _time.GetUtcNow().ToOffset(Nairobi).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return (Convert.ToBase64String(Encoding.UTF8.GetBytes(_settings.ShortCode + _settings.Passkey + timestamp)), timestamp);
    }

    /// <summary>
    /// The callback address for <paramref name="parts"/>: <c>for</c>, their values in the order of <see cref="Signed"/>
    /// joined by dots (none contains one), and <c>token</c>, its HMAC-SHA256 under the callback secret.
    /// </summary>
    private string CallbackUrl(Dictionary<string, string> parts)
    {
        var signed = string.Join('.', Signed.Select(name => parts.GetValueOrDefault(name, "")));
        return $"{_settings.CallbackBase.AbsoluteUri.TrimEnd('/')}/api/payments/webhooks/{Name}?for={Uri.EscapeDataString(signed)}&token={Token(signed)}";
    }

    private string Token(string signed) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_settings.CallbackSecret), Encoding.UTF8.GetBytes(signed)));

    private long Shillings(long amount) =>
        amount > 0 && amount % AmountStep == 0 ? amount / AmountStep : throw new ArgumentException($"M-Pesa pays whole shillings: {amount} is not a multiple of {AmountStep}.", nameof(amount));

    private async Task<JsonElement> CallAsync(string what, string path, object body, int attempts, CancellationToken cancellationToken) =>
        await CallAsync(what, path, body, attempts, tolerated: null, cancellationToken) ?? throw new PaymentProviderException($"M-Pesa did not answer to {what}.");

    /// <summary>
    /// POSTs <paramref name="body"/> with a bearer token, tried up to <paramref name="attempts"/> times while an attempt
    /// times out or cannot connect; Daraja's refusal (its <c>errorCode</c> and <c>errorMessage</c>) is final, apart from
    /// the <paramref name="tolerated"/> error code, which answers null.
    /// </summary>
    private async Task<JsonElement?> CallAsync(string what, string path, object body, int attempts, string? tolerated, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, options: Wire) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(timeout.Token));
                using var response = await _http.SendAsync(request, timeout.Token);
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _token = null;
                }

                if (!response.IsSuccessStatusCode)
                {
                    var error = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errorCode", out var code) ? code.ToString() : null;
                    return error is not null && error == tolerated
                        ? null
                        : throw new PaymentProviderException($"M-Pesa refused to {what}: {(answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errorMessage", out var message) ? message.ToString() : response.StatusCode.ToString())}");
                }

                return answer;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is OperationCanceledException or HttpRequestException)
            {
                _logger.LogWarning("M-Pesa: attempt {Attempt} to {What} failed: {Reason}", attempt, what, exception.GetType().Name);
                if (attempt >= attempts)
                {
                    throw new PaymentProviderException($"M-Pesa could not be reached to {what}.", exception);
                }
            }
            catch (JsonException exception)
            {
                throw new PaymentProviderException($"M-Pesa answered something other than JSON to {what}.", exception);
            }
        }
    }

    /// <summary>The OAuth access token, fetched with the consumer key and secret and kept until a minute before it expires.</summary>
    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } kept && _time.GetUtcNow() < kept.RenewAt)
        {
            return kept.Value;
        }

        await _tokenGate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && _time.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Value;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/oauth/v1/generate?grant_type=client_credentials", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_settings.ConsumerKey}:{_settings.ConsumerSecret}")));
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PaymentProviderException($"M-Pesa refused the consumer key and secret ({(int)response.StatusCode}).");
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var lifetime = long.Parse(answer.GetProperty("expires_in").ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
            var token = answer.GetProperty("access_token").GetString()!;
            _token = (token, _time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
            return token;
        }
        finally
        {
            _tokenGate.Release();
        }
    }
}
