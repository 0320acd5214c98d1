using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GrainMarket.MpesaStandIn;

/// <summary>
/// A local stand-in of the part of Safaricom's Daraja API GrainMarket uses, in its JSON wire format:
/// <c>GET /oauth/v1/generate?grant_type=client_credentials</c> (basic auth with the consumer key and secret) issues a
/// bearer token the other endpoints require; <c>POST /mpesa/stkpush/v1/processrequest</c> (its <c>Password</c> must be
/// base64(shortcode + passkey + timestamp), its <c>Amount</c> whole shillings) makes a push that waits for the phone;
/// <c>POST /mpesa/stkpushquery/v1/query</c> answers Daraja's "still being processed" error until the phone has answered,
/// then its <c>ResultCode</c>; <c>POST /mpesa/b2c/v3/paymentrequest</c> pays a phone once per
/// <c>OriginatorConversationID</c> (a repeat gets the first answer) and sends its result to the <c>ResultURL</c>.
/// Stand-in only, playing the phone: <c>POST /standin/stkpush/{CheckoutRequestID}/accept</c> or <c>/decline</c> answers
/// a push and POSTs Daraja's result callback to its <c>CallBackURL</c>. Tests can hold callbacks back
/// (<see cref="HoldCallbacks"/>) and deliver them again (<see cref="DeliverAsync"/>).
/// </summary>
public sealed class MpesaStandInServer : IAsyncDisposable
{
    /// <summary>Daraja's result code for a push the payer cancelled.</summary>
    public const int CancelledByUser = 1032;

    private readonly WebApplication _app;
    private readonly MpesaStandInOptions _options;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentDictionary<string, JsonObject> _pushes = new();
    private readonly ConcurrentDictionary<string, string> _b2c = new();
    private readonly ConcurrentQueue<StandInCallback> _callbacks = new();
    private readonly HttpClient _ownClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lock _gate = new();

    private MpesaStandInServer(WebApplication app, MpesaStandInOptions options)
    {
        _app = app;
        _options = options;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Every callback made so far, oldest first.</summary>
    public IReadOnlyList<StandInCallback> Callbacks => [.. _callbacks];

    /// <summary>How many STK pushes were made.</summary>
    public int Pushes => _pushes.Count;

    /// <summary>How many B2C payments were really made (a repeated OriginatorConversationID makes none).</summary>
    public int B2CPayments => _b2c.Count;

    /// <summary>How many OAuth tokens were issued.</summary>
    public int TokensIssued => _tokens.Count;

    /// <summary>A client to POST callbacks with (to their path and query; a test server's), instead of their absolute address.</summary>
    public HttpClient? CallbackClient { get; set; }

    /// <summary>When true, callbacks are kept but not delivered; the test delivers them with <see cref="DeliverAsync"/>.</summary>
    public bool HoldCallbacks { get; set; }

    /// <summary>The push <paramref name="checkoutRequestId"/> as the stand-in holds it (amount, phone, CallBackURL, result), or null.</summary>
    public JsonObject? Push(string checkoutRequestId) => _pushes.TryGetValue(checkoutRequestId, out var push) ? (JsonObject)push.DeepClone() : null;

    public static async Task<MpesaStandInServer> StartAsync(MpesaStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        var server = new MpesaStandInServer(builder.Build(), options);
        server.Map();
        await server._app.StartAsync(cancellationToken);
        return server;
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownClient.Dispose();
    }

    /// <summary>
    /// Plays the phone: the payer enters their PIN (<paramref name="accept"/>) or cancels, and Daraja's result callback
    /// is POSTed to the push's CallBackURL (unless <see cref="HoldCallbacks"/>). Returns the callback, or null for a push
    /// that is unknown or already answered.
    /// </summary>
    public async Task<StandInCallback?> AnswerAsync(string checkoutRequestId, bool accept, CancellationToken cancellationToken)
    {
        JsonObject stkCallback;
        Uri url;
        lock (_gate)
        {
            if (!_pushes.TryGetValue(checkoutRequestId, out var push) || push["ResultCode"] is not null)
            {
                return null;
            }

            var resultCode = accept ? 0 : CancelledByUser;
            push["ResultCode"] = resultCode;
            push["ResultDesc"] = accept ? "The service request is processed successfully." : "Request cancelled by user";
            url = new Uri(push["CallBackURL"]!.GetValue<string>());
            stkCallback = new JsonObject
            {
                ["MerchantRequestID"] = push["MerchantRequestID"]!.GetValue<string>(),
                ["CheckoutRequestID"] = checkoutRequestId,
                ["ResultCode"] = resultCode,
                ["ResultDesc"] = push["ResultDesc"]!.GetValue<string>(),
            };
            if (accept)
            {
                push["MpesaReceiptNumber"] = NewId("", 10).ToUpperInvariant();
                stkCallback["CallbackMetadata"] = new JsonObject
                {
                    ["Item"] = new JsonArray(
                        Item("Amount", push["Amount"]!.DeepClone()),
                        Item("MpesaReceiptNumber", push["MpesaReceiptNumber"]!.GetValue<string>()),
                        Item("TransactionDate", long.Parse(Nairobi(DateTimeOffset.UtcNow), CultureInfo.InvariantCulture)),
                        Item("PhoneNumber", long.Parse(push["PhoneNumber"]!.GetValue<string>(), CultureInfo.InvariantCulture))),
                };
            }
        }

        return await CallBackAsync(url, new JsonObject { ["Body"] = new JsonObject { ["stkCallback"] = stkCallback } }.ToJsonString(), cancellationToken);
    }

    /// <summary>Delivers <paramref name="callback"/> now; returns the gateway's status code (0 with nowhere to deliver).</summary>
    public async Task<int> DeliverAsync(StandInCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var client = CallbackClient ?? _ownClient;
        var target = CallbackClient is not null ? new Uri(callback.Url.PathAndQuery, UriKind.Relative) : callback.Url;
        using var content = new StringContent(callback.Body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(target, content, cancellationToken);
        return (int)response.StatusCode;
    }

    private async Task<StandInCallback> CallBackAsync(Uri url, string body, CancellationToken cancellationToken)
    {
        var callback = new StandInCallback(url, body);
        _callbacks.Enqueue(callback);
        if (!HoldCallbacks)
        {
            // As Daraja, once: a callback the gateway does not acknowledge is not sent again (the gateway asks with the query).
            try
            {
                await DeliverAsync(callback, cancellationToken);
            }
            catch (HttpRequestException)
            {
                // Unreachable: kept in Callbacks.
            }
        }

        return callback;
    }

    private void Map()
    {
        _app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        _app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path.StartsWith("/mpesa/", StringComparison.Ordinal)
                && !(context.Request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
                    && _tokens.TryGetValue(authorization["Bearer ".Length..], out var expires) && expires > DateTimeOffset.UtcNow))
            {
                await WriteAsync(context, 401, Error("404.001.03", "Invalid Access Token"));
                return;
            }

            await next(context);
        });
        _app.MapGet("/oauth/v1/generate", async context =>
        {
            var basic = $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ConsumerKey}:{_options.ConsumerSecret}"))}";
            if (context.Request.Query["grant_type"] != "client_credentials" || context.Request.Headers.Authorization != basic)
            {
                await WriteAsync(context, 400, Error("400.008.01", "Invalid Authentication passed"));
                return;
            }

            var token = NewId("", 28);
            _tokens[token] = DateTimeOffset.UtcNow + _options.TokenLifetime;
            await WriteAsync(context, 200, new JsonObject { ["access_token"] = token, ["expires_in"] = ((long)_options.TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture) }.ToJsonString());
        });
        _app.MapPost("/mpesa/stkpush/v1/processrequest", context => JsonAsync(context, StkPush));
        _app.MapPost("/mpesa/stkpushquery/v1/query", context => JsonAsync(context, Query));
        _app.MapPost("/mpesa/b2c/v3/paymentrequest", async context =>
        {
            var request = await ReadAsync(context);
            var (status, body, result) = request is null ? (400, Error("400.002.02", "Bad Request - Invalid JSON"), null) : B2C(request);
            await WriteAsync(context, status, body);
            if (result is { } callback)
            {
                await CallBackAsync(callback.Url, callback.Body, CancellationToken.None);
            }
        });
        _app.MapPost("/standin/stkpush/{id}/{answer}", async context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var answer = (string)context.Request.RouteValues["answer"]!;
            if (answer is not ("accept" or "decline"))
            {
                await WriteAsync(context, 404, Error("404.001.01", "Answer a push with accept or decline"));
                return;
            }

            var callback = await AnswerAsync(id, answer == "accept", context.RequestAborted);
            await WriteAsync(context, callback is null ? 404 : 200, callback is null ? Error("404.001.01", $"No push {id} waits for an answer") : new JsonObject { ["CheckoutRequestID"] = id, ["callback"] = callback.Url.AbsoluteUri }.ToJsonString());
        });
    }

    private static async Task JsonAsync(HttpContext context, Func<JsonObject, (int Status, string Body)> work)
    {
        var request = await ReadAsync(context);
        var (status, body) = request is null ? (400, Error("400.002.02", "Bad Request - Invalid JSON")) : work(request);
        await WriteAsync(context, status, body);
    }

    private static async Task<JsonObject?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private (int, string) StkPush(JsonObject request)
    {
        if (PasswordRefusal(request) is { } refused)
        {
            return refused;
        }

        if (Text(request, "TransactionType") is not ("CustomerPayBillOnline" or "CustomerBuyGoodsOnline"))
        {
            return (400, Error("400.002.02", "Bad Request - Invalid TransactionType"));
        }

        if (!decimal.TryParse(Text(request, "Amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 1 || amount != decimal.Truncate(amount))
        {
            return (400, Error("400.002.02", "Bad Request - Invalid Amount"));
        }

        var phone = Text(request, "PhoneNumber");
        if (phone is not { Length: 12 } || !phone.StartsWith("254", StringComparison.Ordinal) || !phone.All(char.IsAsciiDigit) || Text(request, "PartyA") != phone)
        {
            return (400, Error("400.002.02", "Bad Request - Invalid PhoneNumber"));
        }

        if (!Uri.TryCreate(Text(request, "CallBackURL"), UriKind.Absolute, out var callback) || callback.Scheme is not ("http" or "https"))
        {
            return (400, Error("400.002.02", "Bad Request - Invalid CallBackURL"));
        }

        if (Text(request, "AccountReference") is not { Length: > 0 and <= 12 } || Text(request, "TransactionDesc") is not { Length: > 0 and <= 13 })
        {
            return (400, Error("400.002.02", "Bad Request - Invalid AccountReference or TransactionDesc"));
        }

        var id = $"ws_CO_{Nairobi(DateTimeOffset.UtcNow)}{NewId("", 12)}";
        var merchant = $"{Random.Shared.Next(10_000, 99_999)}-{Random.Shared.Next(1_000_000, 9_999_999)}-1";
        _pushes[id] = new JsonObject
        {
            ["MerchantRequestID"] = merchant,
            ["CheckoutRequestID"] = id,
            ["Amount"] = (long)amount,
            ["PhoneNumber"] = phone,
            ["CallBackURL"] = callback.AbsoluteUri,
            ["AccountReference"] = Text(request, "AccountReference"),
            ["ResultCode"] = null,
        };
        return (200, new JsonObject
        {
            ["MerchantRequestID"] = merchant,
            ["CheckoutRequestID"] = id,
            ["ResponseCode"] = "0",
            ["ResponseDescription"] = "Success. Request accepted for processing",
            ["CustomerMessage"] = "Success. Request accepted for processing",
        }.ToJsonString());
    }

    private (int, string) Query(JsonObject request)
    {
        if (PasswordRefusal(request) is { } refused)
        {
            return refused;
        }

        if (Text(request, "CheckoutRequestID") is not { } id || !_pushes.TryGetValue(id, out var push))
        {
            return (400, Error("400.002.02", "Bad Request - Invalid CheckoutRequestID"));
        }

        lock (_gate)
        {
            return push["ResultCode"] is not { } resultCode
                ? (500, Error("500.001.1001", "The transaction is being processed"))
                : (200, new JsonObject
                {
                    ["ResponseCode"] = "0",
                    ["ResponseDescription"] = "The service request has been accepted successsfully",
                    ["MerchantRequestID"] = push["MerchantRequestID"]!.GetValue<string>(),
                    ["CheckoutRequestID"] = id,
                    ["ResultCode"] = resultCode.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                    ["ResultDesc"] = push["ResultDesc"]!.GetValue<string>(),
                }.ToJsonString());
        }
    }

    private (int, string, StandInCallback?) B2C(JsonObject request)
    {
        if (Text(request, "OriginatorConversationID") is not { Length: > 0 } originator)
        {
            return (400, Error("400.002.02", "Bad Request - Invalid OriginatorConversationID"), null);
        }

        lock (_gate)
        {
            if (_b2c.TryGetValue(originator, out var first))
            {
                return (200, first, null);
            }

            if (Text(request, "InitiatorName") is not { Length: > 0 } || Text(request, "SecurityCredential") is not { Length: > 0 }
                || Text(request, "CommandID") is not ("BusinessPayment" or "SalaryPayment" or "PromotionPayment") || Text(request, "PartyA") != _options.ShortCode)
            {
                return (400, Error("400.002.02", "Bad Request - Invalid Initiator, SecurityCredential, CommandID or PartyA"), null);
            }

            if (!decimal.TryParse(Text(request, "Amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 1 || amount != decimal.Truncate(amount))
            {
                return (400, Error("400.002.02", "Bad Request - Invalid Amount"), null);
            }

            if (Text(request, "PartyB") is not { Length: 12 } phone || !phone.All(char.IsAsciiDigit)
                || !Uri.TryCreate(Text(request, "ResultURL"), UriKind.Absolute, out var resultUrl))
            {
                return (400, Error("400.002.02", "Bad Request - Invalid PartyB or ResultURL"), null);
            }

            var conversation = $"AG_{Nairobi(DateTimeOffset.UtcNow)[..8]}_{NewId("", 20)}";
            var answer = new JsonObject
            {
                ["ConversationID"] = conversation,
                ["OriginatorConversationID"] = originator,
                ["ResponseCode"] = "0",
                ["ResponseDescription"] = "Accept the service request successfully.",
            }.ToJsonString();
            _b2c[originator] = answer;
            var result = new JsonObject
            {
                ["Result"] = new JsonObject
                {
                    ["ResultType"] = 0,
                    ["ResultCode"] = 0,
                    ["ResultDesc"] = "The service request is processed successfully.",
                    ["OriginatorConversationID"] = originator,
                    ["ConversationID"] = conversation,
                    ["TransactionID"] = NewId("", 10).ToUpperInvariant(),
                    ["ResultParameters"] = new JsonObject
                    {
                        ["ResultParameter"] = new JsonArray(
                            Parameter("TransactionAmount", (long)amount),
                            Parameter("ReceiverPartyPublicName", $"{phone} - M-Pesa customer"),
                            Parameter("TransactionCompletedDateTime", DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture))),
                    },
                },
            }.ToJsonString();
            return (200, answer, new StandInCallback(resultUrl, result));
        }
    }

    /// <summary>The shortcode must be ours and <c>Password</c> base64(shortcode + passkey + Timestamp).</summary>
    private (int, string)? PasswordRefusal(JsonObject request)
    {
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.ShortCode + _options.Passkey + Text(request, "Timestamp")));
        return Text(request, "BusinessShortCode") == _options.ShortCode && Text(request, "Timestamp") is { Length: 14 } && Text(request, "Password") == expected
            ? null
            : (400, Error("400.002.02", "Bad Request - Invalid BusinessShortCode, Password or Timestamp"));
    }

    /// <summary>A field as text, whether Daraja's caller sent it as a string or a number.</summary>
    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value ? value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString() : null;

    private static JsonObject Item(string name, JsonNode? value) => new() { ["Name"] = name, ["Value"] = value };

    private static JsonObject Parameter(string key, JsonNode? value) => new() { ["Key"] = key, ["Value"] = value };

    private static string Nairobi(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(3)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static string NewId(string prefix, int length) => prefix + Guid.NewGuid().ToString("N")[..length];

    private static string Error(string code, string message) =>
        new JsonObject { ["requestId"] = NewId("", 8) + "-" + NewId("", 4), ["errorCode"] = code, ["errorMessage"] = message }.ToJsonString();

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
