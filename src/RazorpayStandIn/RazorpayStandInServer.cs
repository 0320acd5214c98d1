using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GrainMarket.RazorpayStandIn;

/// <summary>
/// A local stand-in of the part of Razorpay's API GrainMarket uses, in its wire format: JSON requests authorized by basic
/// auth with the key id and key secret, Razorpay's entities (<c>order</c>, <c>payment</c>, <c>refund</c>, <c>collection</c>)
/// and its error body <c>{"error":{"code":…,"description":…}}</c>. <c>POST /v1/orders</c>, <c>GET /v1/orders</c>
/// (<c>?receipt=</c>), <c>GET /v1/orders/{id}</c>, <c>GET /v1/orders/{id}/payments</c>, <c>GET /v1/payments/{id}</c> and
/// <c>POST /v1/payments/{id}/refund</c> (a repeated <c>X-Refund-Idempotency</c> key gets the first answer and refunds
/// nothing twice). <c>POST /standin/checkout/{order_id}</c> plays Checkout.js: it pays the order
/// (<c>{"outcome":"success"}</c>, the default) and answers the handler's three fields, correctly signed, or fails the
/// payment (<c>"failure"</c>) with Checkout's error. Paying and refunding make signed webhooks (<c>payment.captured</c>,
/// <c>order.paid</c>, <c>payment.failed</c>, <c>refund.created</c>, <c>refund.processed</c>), delivered before the call
/// answers unless <see cref="HoldWebhooks"/>; tests deliver them again, or in another order, with <see cref="DeliverAsync"/>.
/// </summary>
public sealed class RazorpayStandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RazorpayStandInOptions _options;
    private readonly ConcurrentDictionary<string, JsonObject> _orders = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payments = new();
    private readonly ConcurrentDictionary<string, (string Body, int Status, string Answer)> _refundKeys = new();
    private readonly ConcurrentQueue<RazorpayWebhook> _events = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient? _ownWebhookClient;
    private long _delayTicks;
    private int _refunds;

    private RazorpayStandInServer(WebApplication app, RazorpayStandInOptions options)
    {
        _app = app;
        _options = options;
        if (options.WebhookUrl is not null)
        {
            _ownWebhookClient = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Every webhook made so far, oldest first.</summary>
    public IReadOnlyList<RazorpayWebhook> Events => [.. _events];

    /// <summary>How many orders were really created.</summary>
    public int CreatedOrders => _orders.Count;

    /// <summary>How many refunds were really made (a repeated <c>X-Refund-Idempotency</c> key makes none).</summary>
    public int CreatedRefunds => _refunds;

    /// <summary>A client to POST webhooks with (to <see cref="RazorpayStandInOptions.WebhookPath"/>; a test server's), instead of <see cref="RazorpayStandInOptions.WebhookUrl"/>.</summary>
    public HttpClient? WebhookClient { get; set; }

    /// <summary>When true, webhooks are kept but not delivered; the test delivers them with <see cref="DeliverAsync"/>.</summary>
    public bool HoldWebhooks { get; set; }

    /// <summary>The next answer is held back this long after its work is done (a call that times out after the fact).</summary>
    public void DelayNextAnswer(TimeSpan delay) => Interlocked.Exchange(ref _delayTicks, delay.Ticks);

    /// <summary>Order <paramref name="id"/> as the stand-in holds it, or null.</summary>
    public JsonObject? Order(string id) => _orders.TryGetValue(id, out var order) ? (JsonObject)order.DeepClone() : null;

    /// <summary>Payment <paramref name="id"/> as the stand-in holds it, or null.</summary>
    public JsonObject? Payment(string id) => _payments.TryGetValue(id, out var payment) ? (JsonObject)payment.DeepClone() : null;

    public static async Task<RazorpayStandInServer> StartAsync(RazorpayStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        var server = new RazorpayStandInServer(builder.Build(), options);
        server.Map();
        await server._app.StartAsync(cancellationToken);
        return server;
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownWebhookClient?.Dispose();
        _gate.Dispose();
    }

    /// <summary>A signed webhook of <paramref name="type"/> carrying <paramref name="entities"/> (<c>payment</c>, <c>order</c>, <c>refund</c>), kept and delivered like the stand-in's own.</summary>
    public async Task<RazorpayWebhook> EmitAsync(string type, IReadOnlyDictionary<string, JsonObject> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var payload = new JsonObject();
        foreach (var (name, entity) in entities)
        {
            payload[name] = new JsonObject { ["entity"] = entity.DeepClone() };
        }

        var body = new JsonObject
        {
            ["entity"] = "event",
            ["account_id"] = "acc_StandIn0000001",
            ["event"] = type,
            ["contains"] = new JsonArray([.. entities.Keys.Select(k => (JsonNode)JsonValue.Create(k))]),
            ["payload"] = payload,
            ["created_at"] = Now(),
        }.ToJsonString();
        var made = new RazorpayWebhook(NewId(""), type, body);
        _events.Enqueue(made);
        if (!HoldWebhooks)
        {
            await DeliverWithRetriesAsync(made, cancellationToken);
        }

        return made;
    }

    /// <summary>
    /// As Razorpay does, a delivery the endpoint did not acknowledge with a 2xx is tried again, here up to three times a
    /// second apart; what is still undelivered stays in <see cref="Events"/> for <see cref="DeliverAsync"/>.
    /// </summary>
    private async Task DeliverWithRetriesAsync(RazorpayWebhook webhook, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                if (await DeliverAsync(webhook, cancellationToken) is 0 or (>= 200 and < 300))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Unreachable now: tried again below.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Delivers <paramref name="webhook"/> now, signed with the webhook secret; returns the gateway's status code (0 with nowhere to deliver).</summary>
    public async Task<int> DeliverAsync(RazorpayWebhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var client = WebhookClient ?? _ownWebhookClient;
        if (client is null)
        {
            return 0;
        }

        var target = WebhookClient is not null ? new Uri(_options.WebhookPath, UriKind.Relative) : _options.WebhookUrl!;
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(webhook.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(RazorpayHmac.SignatureHeader, RazorpayHmac.Sign(webhook.Body, _options.WebhookSecret));
        request.Headers.Add(RazorpayHmac.EventIdHeader, webhook.Id);
        using var response = await client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    private void Map()
    {
        _app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        _app.Use(async (context, next) =>
        {
            // As Razorpay: basic auth, the key id as user name and the key secret as password.
            var basic = $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.KeyId}:{_options.KeySecret}"))}";
            if (context.Request.Path != "/healthz" && context.Request.Headers.Authorization.ToString() != basic)
            {
                await WriteAsync(context, 401, Error("The api key provided is invalid"));
                return;
            }

            await next(context);
        });
        _app.MapPost("/v1/orders", context => WorkAsync(context, CreateOrder));
        _app.MapGet("/v1/orders", context =>
        {
            var receipt = context.Request.Query["receipt"].ToString();
            return WriteAsync(context, 200, Collection(_orders.Values.Where(o => receipt.Length == 0 || (string?)o["receipt"] == receipt).OrderByDescending(o => (long)o["created_at"]!)));
        });
        _app.MapGet("/v1/orders/{id}", context => Found(context, _orders, "id"));
        _app.MapGet("/v1/orders/{id}/payments", context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            return _orders.ContainsKey(id)
                ? WriteAsync(context, 200, Collection(_payments.Values.Where(p => (string?)p["order_id"] == id).OrderBy(p => (long)p["created_at"]!)))
                : WriteAsync(context, 400, Error("The id provided does not exist", "id"));
        });
        _app.MapGet("/v1/payments/{id}", context => Found(context, _payments, "id"));
        _app.MapPost("/v1/payments/{id}/refund", context => WorkAsync(context, Refund));
        _app.MapPost("/standin/checkout/{id}", context => WorkAsync(context, Checkout));
    }

    private static Task Found(HttpContext context, ConcurrentDictionary<string, JsonObject> entities, string field)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        return entities.TryGetValue(id, out var entity)
            ? WriteAsync(context, 200, entity.ToJsonString())
            : WriteAsync(context, 400, Error("The id provided does not exist", field));
    }

    /// <summary>
    /// Does <paramref name="work"/> on the JSON body under the stand-in's lock, sends the webhooks it made, then answers
    /// (held back by <see cref="DelayNextAnswer"/>): a client that gave up waiting finds the work done.
    /// </summary>
    private async Task WorkAsync(HttpContext context, Func<HttpContext, JsonObject, List<(string, Dictionary<string, JsonObject>)>, (int Status, string Body)> work)
    {
        string text;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(context.RequestAborted);
        }

        JsonObject body;
        try
        {
            body = text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await WriteAsync(context, 400, Error("The request body is not valid JSON."));
            return;
        }

        var emit = new List<(string, Dictionary<string, JsonObject>)>();
        (int Status, string Body) answer;
        await _gate.WaitAsync(context.RequestAborted);
        try
        {
            answer = work(context, body, emit);
        }
        finally
        {
            _gate.Release();
        }

        foreach (var (type, entities) in emit)
        {
            await EmitAsync(type, entities, context.RequestAborted);
        }

        var delay = Interlocked.Exchange(ref _delayTicks, 0);
        if (delay > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(delay), context.RequestAborted);
        }

        await WriteAsync(context, answer.Status, answer.Body);
    }

    private (int, string) CreateOrder(HttpContext context, JsonObject body, List<(string, Dictionary<string, JsonObject>)> emit)
    {
        if (body["amount"] is not JsonValue amountValue || !amountValue.TryGetValue<long>(out var amount) || amount < 100)
        {
            return (400, Error("The amount must be atleast INR 1.00", "amount"));
        }

        if (body["currency"] is not JsonValue currencyValue || !currencyValue.TryGetValue<string>(out var currency) || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            return (400, Error("The currency field is invalid.", "currency"));
        }

        string? receipt = null;
        if (body["receipt"] is JsonValue receiptValue && (!receiptValue.TryGetValue(out receipt) || receipt.Length > 40))
        {
            return (400, Error("The receipt may not be greater than 40 characters.", "receipt"));
        }

        var notes = body["notes"] as JsonObject ?? [];
        if (notes.Count > 15 || notes.Any(n => n.Value is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length > 256))
        {
            return (400, Error("The notes may have at most 15 text values of at most 256 characters.", "notes"));
        }

        var id = NewId("order_");
        var order = new JsonObject
        {
            ["id"] = id,
            ["entity"] = "order",
            ["amount"] = amount,
            ["amount_paid"] = 0L,
            ["amount_due"] = amount,
            ["currency"] = currency,
            ["receipt"] = receipt,
            ["offer_id"] = null,
            ["status"] = "created",
            ["attempts"] = 0,
            // Razorpay writes empty notes as an empty array.
            ["notes"] = notes.Count == 0 ? new JsonArray() : notes.DeepClone(),
            ["created_at"] = Now(),
        };
        _orders[id] = order;
        return (200, order.ToJsonString());
    }

    /// <summary>Checkout.js paying order <c>{id}</c>: a captured payment and the handler's signed fields, or a failed payment and Checkout's error.</summary>
    private (int, string) Checkout(HttpContext context, JsonObject body, List<(string, Dictionary<string, JsonObject>)> emit)
    {
        var orderId = (string)context.Request.RouteValues["id"]!;
        if (!_orders.TryGetValue(orderId, out var order))
        {
            return (400, Error("The id provided does not exist", "order_id"));
        }

        if ((string?)order["status"] == "paid")
        {
            return (400, Error("Order has already been paid", "order_id"));
        }

        var success = (string?)body["outcome"] is null or "success";
        var paymentId = NewId("pay_");
        var payment = new JsonObject
        {
            ["id"] = paymentId,
            ["entity"] = "payment",
            ["amount"] = order["amount"]!.GetValue<long>(),
            ["currency"] = order["currency"]!.GetValue<string>(),
            ["status"] = success ? "captured" : "failed",
            ["order_id"] = orderId,
            ["invoice_id"] = null,
            ["international"] = false,
            ["method"] = "upi",
            ["amount_refunded"] = 0L,
            ["refund_status"] = null,
            ["captured"] = success,
            ["description"] = "GrainMarket",
            ["vpa"] = "success@razorpay",
            ["email"] = "buyer@example.com",
            ["contact"] = "+919000090000",
            ["notes"] = new JsonArray(),
            ["fee"] = success ? order["amount"]!.GetValue<long>() / 50 : null,
            ["tax"] = success ? 0L : null,
            ["error_code"] = success ? null : "BAD_REQUEST_ERROR",
            ["error_description"] = success ? null : "Payment failed",
            ["error_source"] = success ? null : "customer",
            ["error_step"] = success ? null : "payment_authorization",
            ["error_reason"] = success ? null : "payment_failed",
            ["created_at"] = Now(),
        };
        _payments[paymentId] = payment;
        order["attempts"] = order["attempts"]!.GetValue<int>() + 1;
        if (!success)
        {
            order["status"] = "attempted";
            emit.Add(("payment.failed", new() { ["payment"] = (JsonObject)payment.DeepClone() }));
            var failure = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = "BAD_REQUEST_ERROR",
                    ["description"] = "Payment failed",
                    ["source"] = "customer",
                    ["step"] = "payment_authorization",
                    ["reason"] = "payment_failed",
                    ["metadata"] = new JsonObject { ["order_id"] = orderId, ["payment_id"] = paymentId },
                },
            };
            return (400, failure.ToJsonString());
        }

        order["status"] = "paid";
        order["amount_paid"] = order["amount"]!.GetValue<long>();
        order["amount_due"] = 0L;
        emit.Add(("payment.captured", new() { ["payment"] = (JsonObject)payment.DeepClone() }));
        emit.Add(("order.paid", new() { ["payment"] = (JsonObject)payment.DeepClone(), ["order"] = (JsonObject)order.DeepClone() }));
        var handler = new JsonObject
        {
            ["razorpay_payment_id"] = paymentId,
            ["razorpay_order_id"] = orderId,
            ["razorpay_signature"] = RazorpayHmac.Sign($"{orderId}|{paymentId}", _options.KeySecret),
        };
        return (200, handler.ToJsonString());
    }

    private (int, string) Refund(HttpContext context, JsonObject body, List<(string, Dictionary<string, JsonObject>)> emit)
    {
        var paymentId = (string)context.Request.RouteValues["id"]!;
        var key = context.Request.Headers["X-Refund-Idempotency"].ToString();
        var request = body.ToJsonString();
        if (key.Length > 0)
        {
            if (key.Length < 10 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                return (400, Error("The idempotency key must be at least 10 characters of letters, digits, hyphens and underscores."));
            }

            if (_refundKeys.TryGetValue(key, out var first))
            {
                return first.Body == request ? (first.Status, first.Answer) : (400, Error("The request body differs from the first request with this idempotency key."));
            }
        }

        var answer = RefundOnce(paymentId, body, emit);
        if (key.Length > 0)
        {
            _refundKeys[key] = (request, answer.Item1, answer.Item2);
        }

        return answer;
    }

    private (int, string) RefundOnce(string paymentId, JsonObject body, List<(string, Dictionary<string, JsonObject>)> emit)
    {
        if (!_payments.TryGetValue(paymentId, out var payment))
        {
            return (400, Error("The id provided does not exist", "id"));
        }

        if (payment["captured"]?.GetValue<bool>() != true)
        {
            return (400, Error("The payment has not been captured", "id"));
        }

        var left = payment["amount"]!.GetValue<long>() - payment["amount_refunded"]!.GetValue<long>();
        var amount = left;
        if (body["amount"] is not null && (body["amount"] is not JsonValue value || !value.TryGetValue(out amount) || amount < 100))
        {
            return (400, Error("The amount must be atleast INR 1.00", "amount"));
        }

        if (amount > left)
        {
            return (400, Error("The refund amount provided is greater than amount captured", "amount"));
        }

        var refunded = payment["amount_refunded"]!.GetValue<long>() + amount;
        payment["amount_refunded"] = refunded;
        payment["refund_status"] = refunded == payment["amount"]!.GetValue<long>() ? "full" : "partial";
        if (refunded == payment["amount"]!.GetValue<long>())
        {
            payment["status"] = "refunded";
        }

        var refund = new JsonObject
        {
            ["id"] = NewId("rfnd_"),
            ["entity"] = "refund",
            ["amount"] = amount,
            ["currency"] = payment["currency"]!.GetValue<string>(),
            ["payment_id"] = paymentId,
            ["notes"] = body["notes"] is JsonObject { Count: > 0 } notes ? notes.DeepClone() : new JsonArray(),
            ["receipt"] = body["receipt"]?.DeepClone(),
            ["acquirer_data"] = new JsonObject { ["arn"] = null },
            ["created_at"] = Now(),
            ["batch_id"] = null,
            ["status"] = "processed",
            ["speed_processed"] = "normal",
            ["speed_requested"] = "normal",
        };
        Interlocked.Increment(ref _refunds);
        emit.Add(("refund.created", new() { ["refund"] = (JsonObject)refund.DeepClone(), ["payment"] = (JsonObject)payment.DeepClone() }));
        emit.Add(("refund.processed", new() { ["refund"] = (JsonObject)refund.DeepClone(), ["payment"] = (JsonObject)payment.DeepClone() }));
        return (200, refund.ToJsonString());
    }

    private static string Collection(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items.Select(i => i.DeepClone())]);
        return new JsonObject { ["entity"] = "collection", ["count"] = array.Count, ["items"] = array }.ToJsonString();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A Razorpay-style id: the prefix and 14 letters and digits.</summary>
    private static string NewId(string prefix) => prefix + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 14);

    private static string Error(string description, string? field = null) =>
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "BAD_REQUEST_ERROR",
                ["description"] = description,
                ["source"] = "business",
                ["step"] = "payment_initiation",
                ["reason"] = "input_validation_failed",
                ["metadata"] = new JsonObject(),
                ["field"] = field,
            },
        }.ToJsonString();

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
