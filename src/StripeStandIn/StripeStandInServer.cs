using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GrainMarket.StripeStandIn;

/// <summary>
/// A local stand-in of the part of Stripe's API GrainMarket uses, speaking its wire format: form-encoded requests
/// authorized by <c>Authorization: Bearer &lt;secret key&gt;</c>, answered with the JSON objects Stripe.net reads.
/// <c>POST /v1/payment_intents</c>, <c>GET /v1/payment_intents/{id}</c>, <c>POST /v1/payment_intents/{id}/confirm</c>
/// (<c>payment_method=pm_card_visa</c> succeeds, <c>pm_card_chargeDeclined</c> fails) and <c>POST /v1/refunds</c>.
/// A POST with an <c>Idempotency-Key</c> it has answered before gets that first answer again (with
/// <c>Idempotent-Replayed: true</c>) and changes nothing. Confirming and refunding make signed webhook events
/// (<c>payment_intent.succeeded</c>, <c>payment_intent.payment_failed</c>, <c>charge.refunded</c>), delivered at once
/// unless <see cref="HoldWebhooks"/>; tests deliver them again, or in another order, with <see cref="DeliverAsync"/>.
/// Connect: <c>POST /v1/accounts</c>, <c>GET /v1/accounts/{id}</c>, <c>POST /v1/account_links</c>,
/// <c>POST /v1/transfers</c> (refused, as Stripe does, to an account whose <c>transfers</c> capability is not active) and
/// <c>GET /v1/transfers</c>; the stand-in's own <c>POST /standin/accounts/{id}/complete_onboarding</c> plays the seller
/// finishing Stripe's onboarding: the account can then receive transfers and payouts, and an <c>account.updated</c> is sent.
/// </summary>
public sealed partial class StripeStandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StripeStandInOptions _options;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, JsonObject> _charges = new();
    private readonly ConcurrentDictionary<string, JsonObject> _accounts = new();
    private readonly ConcurrentQueue<JsonObject> _transfers = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answered = new();
    private readonly ConcurrentQueue<StandInEvent> _events = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient? _ownWebhookClient;
    private long _delayTicks;

    private StripeStandInServer(WebApplication app, StripeStandInOptions options)
    {
        _app = app;
        _options = options;
        if (options.WebhookUrl is not null)
        {
            _ownWebhookClient = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Every webhook event made so far, oldest first.</summary>
    public IReadOnlyList<StandInEvent> Events => [.. _events];

    /// <summary>How many PaymentIntents were really created (a replayed Idempotency-Key creates none).</summary>
    public int CreatedPaymentIntents => _intents.Count;

    /// <summary>Every transfer really created (a replayed Idempotency-Key creates none), oldest first.</summary>
    public IReadOnlyList<JsonObject> Transfers => [.. _transfers.Select(t => (JsonObject)t.DeepClone())];

    /// <summary>The connected account <paramref name="id"/> as the stand-in holds it, or null.</summary>
    public JsonObject? Account(string id) => _accounts.TryGetValue(id, out var account) ? (JsonObject)account.DeepClone() : null;

    /// <summary>How many requests reached an endpoint, replays included.</summary>
    public int Requests { get; private set; }

    /// <summary>A client to POST webhooks with (to <see cref="StripeStandInOptions.WebhookPath"/>; a test server's), instead of <see cref="StripeStandInOptions.WebhookUrl"/>.</summary>
    public HttpClient? WebhookClient { get; set; }

    /// <summary>When true, events are kept but not delivered; the test delivers them with <see cref="DeliverAsync"/>.</summary>
    public bool HoldWebhooks { get; set; }

    /// <summary>The next answer is held back this long after its work is done (a call that times out after the fact).</summary>
    public void DelayNextAnswer(TimeSpan delay) => Interlocked.Exchange(ref _delayTicks, delay.Ticks);

    /// <summary>The PaymentIntent <paramref name="id"/> as the stand-in holds it, or null.</summary>
    public JsonObject? PaymentIntent(string id) => _intents.TryGetValue(id, out var intent) ? (JsonObject)intent.DeepClone() : null;

    public static async Task<StripeStandInServer> StartAsync(StripeStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        var server = new StripeStandInServer(builder.Build(), options);
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

    /// <summary>A signed webhook event of <paramref name="type"/> about <paramref name="dataObject"/>, kept and delivered like the stand-in's own.</summary>
    public Task<StandInEvent> EmitAsync(string type, JsonObject dataObject, CancellationToken cancellationToken) =>
        EmitAsync(type, dataObject, DateTimeOffset.UtcNow, cancellationToken);

    /// <summary>As <see cref="EmitAsync(string, JsonObject, CancellationToken)"/>, saying it was made at <paramref name="createdAt"/> (an event from the past, delivered late).</summary>
    public async Task<StandInEvent> EmitAsync(string type, JsonObject dataObject, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataObject);
        var created = createdAt.ToUnixTimeSeconds();
        var id = NewId("evt");
        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = created,
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
        if ((string?)dataObject["object"] == "account")
        {
            // A connected account's event names the account it happened on, as Connect webhooks do.
            body["account"] = (string?)dataObject["id"];
        }

        var made = new StandInEvent(id, type, body.ToJsonString());
        _events.Enqueue(made);
        if (!HoldWebhooks)
        {
            await DeliverWithRetriesAsync(made, cancellationToken);
        }

        return made;
    }

    /// <summary>
    /// As Stripe does, a delivery the endpoint did not acknowledge (no answer, or not 2xx) is tried again, here up to
    /// three times a second apart; what is still undelivered stays in <see cref="Events"/> for <see cref="DeliverAsync"/>.
    /// </summary>
    private async Task DeliverWithRetriesAsync(StandInEvent webhook, CancellationToken cancellationToken)
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

    /// <summary>Delivers <paramref name="webhook"/> now, signed now; returns the gateway's status code.</summary>
    public async Task<int> DeliverAsync(StandInEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var client = WebhookClient ?? _ownWebhookClient;
        if (client is null)
        {
            return 0;
        }

        var target = WebhookClient is not null ? new Uri(_options.WebhookPath, UriKind.Relative) : _options.WebhookUrl!;
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(webhook.Body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(StripeWebhookSignature.Header, StripeWebhookSignature.Sign(webhook.Body, _options.WebhookSecret, DateTimeOffset.UtcNow));
        using var response = await client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>The API version the events say they were rendered with: the one Stripe.net 53.1.0 pins.</summary>
    public const string ApiVersion = "2026-10-28.endive";

    private void Map()
    {
        _app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        _app.Use(async (context, next) =>
        {
            // As Stripe: the secret key as a bearer token, or as the user name of basic auth (curl -u sk_…:).
            var authorization = context.Request.Headers.Authorization.ToString();
            var basic = $"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_options.SecretKey + ":"))}";
            if (context.Request.Path != "/healthz" && authorization != $"Bearer {_options.SecretKey}" && authorization != basic)
            {
                await WriteAsync(context, 401, Error("invalid_request_error", "Invalid API Key provided."));
                return;
            }

            await next(context);
        });
        _app.MapPost("/v1/payment_intents", context => IdempotentAsync(context, CreateIntent));
        _app.MapGet("/v1/payment_intents/{id}", async context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            await WriteAsync(context, _intents.TryGetValue(id, out var intent) ? 200 : 404, intent?.ToJsonString() ?? Missing("payment_intent", id));
        });
        _app.MapPost("/v1/payment_intents/{id}/confirm", context => IdempotentAsync(context, Confirm));
        _app.MapPost("/v1/refunds", context => IdempotentAsync(context, Refund));
        MapConnect();
    }

    /// <summary>
    /// Runs a POST once per Idempotency-Key: the work and its answer are kept under the key before the answer is sent
    /// (and held back by <see cref="DelayNextAnswer"/>), so a client that gave up waiting and asks again gets the same
    /// answer and nothing happens twice.
    /// </summary>
    private async Task IdempotentAsync(HttpContext context, Func<HttpContext, IFormCollection, List<(string Type, JsonObject Object)>, (int Status, string Body)> work)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        (int Status, string Body) answer;
        var replayed = false;
        var emit = new List<(string Type, JsonObject Object)>();
        await _gate.WaitAsync(context.RequestAborted);
        try
        {
            Requests++;
            var scoped = $"{context.Request.Path}|{key}";
            if (key.Length > 0 && _answered.TryGetValue(scoped, out var first))
            {
                (answer, replayed) = (first, true);
            }
            else
            {
                answer = work(context, form, emit);
                if (key.Length > 0)
                {
                    _answered[scoped] = answer;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        // Sent before the answer, so that a caller who sees the answer can count on the gateway having heard of it.
        foreach (var (type, data) in emit)
        {
            await EmitAsync(type, data, context.RequestAborted);
        }

        var delay = Interlocked.Exchange(ref _delayTicks, 0);
        if (delay > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(delay), context.RequestAborted);
        }

        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        await WriteAsync(context, answer.Status, answer.Body);
    }

    private (int, string) CreateIntent(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        if (!long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return (400, Error("invalid_request_error", "Missing required param: amount.", "amount", "parameter_missing"));
        }

        if (string.IsNullOrEmpty(form["currency"]))
        {
            return (400, Error("invalid_request_error", "Missing required param: currency.", "currency", "parameter_missing"));
        }

        var id = NewId("pi");
        var metadata = Metadata(form);

        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = amount,
            ["amount_received"] = 0L,
            ["currency"] = form["currency"].ToString().ToLowerInvariant(),
            ["status"] = "requires_payment_method",
            ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["latest_charge"] = null,
            ["metadata"] = metadata,
            ["payment_method_types"] = new JsonArray("card"),
        };
        _intents[id] = intent;
        return (200, intent.ToJsonString());
    }

    private (int, string) Confirm(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!_intents.TryGetValue(id, out var intent))
        {
            return (404, Missing("payment_intent", id));
        }

        if ((string?)intent["status"] == "succeeded")
        {
            return (400, Error("invalid_request_error", "This PaymentIntent has already succeeded.", "payment_intent", "payment_intent_unexpected_state"));
        }

        var method = form["payment_method"].ToString() is { Length: > 0 } given ? given : "pm_card_visa";
        if (method == "pm_card_chargeDeclined")
        {
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = "Your card was declined." };
            emit.Add(("payment_intent.payment_failed", (JsonObject)intent.DeepClone()));
            return (402, Error("card_error", "Your card was declined.", null, "card_declined"));
        }

        var charge = NewId("ch");
        intent["status"] = "succeeded";
        intent["amount_received"] = intent["amount"]!.GetValue<long>();
        intent["latest_charge"] = charge;
        intent["payment_method"] = method;
        intent.Remove("last_payment_error");
        _charges[charge] = new JsonObject
        {
            ["id"] = charge,
            ["object"] = "charge",
            ["amount"] = intent["amount"]!.GetValue<long>(),
            ["amount_refunded"] = 0L,
            ["currency"] = intent["currency"]!.GetValue<string>(),
            ["payment_intent"] = id,
            ["refunded"] = false,
            ["status"] = "succeeded",
            ["metadata"] = intent["metadata"]!.DeepClone(),
        };
        emit.Add(("payment_intent.succeeded", (JsonObject)intent.DeepClone()));
        return (200, intent.ToJsonString());
    }

    private (int, string) Refund(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        var id = form["payment_intent"].ToString();
        if (!_intents.TryGetValue(id, out var intent) || (string?)intent["latest_charge"] is not { } chargeId || !_charges.TryGetValue(chargeId, out var charge))
        {
            return (400, Error("invalid_request_error", $"No such payment_intent: '{id}'", "payment_intent", "resource_missing"));
        }

        var left = charge["amount"]!.GetValue<long>() - charge["amount_refunded"]!.GetValue<long>();
        var amount = left;
        if (form["amount"].Count > 0 && (!long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount < 1))
        {
            return (400, Error("invalid_request_error", "Invalid positive integer", "amount", "parameter_invalid_integer"));
        }

        if (amount > left)
        {
            return (400, Error("invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})", "amount", "amount_too_large"));
        }

        charge["amount_refunded"] = charge["amount_refunded"]!.GetValue<long>() + amount;
        charge["refunded"] = charge["amount_refunded"]!.GetValue<long>() == charge["amount"]!.GetValue<long>();
        var refund = new JsonObject
        {
            ["id"] = NewId("re"),
            ["object"] = "refund",
            ["amount"] = amount,
            ["charge"] = chargeId,
            ["currency"] = charge["currency"]!.GetValue<string>(),
            ["payment_intent"] = id,
            ["status"] = "succeeded",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = new JsonObject(),
        };
        emit.Add(("charge.refunded", (JsonObject)charge.DeepClone()));
        return (200, refund.ToJsonString());
    }

    private static JsonObject Metadata(IFormCollection form)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal) && f.Key.EndsWith(']')))
        {
            metadata[name["metadata[".Length..^1]] = value.ToString();
        }

        return metadata;
    }

    private static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 25)];

    private static string Error(string type, string message, string? param = null, string? code = null) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param } }.ToJsonString();

    private static string Missing(string kind, string id) => Error("invalid_request_error", $"No such {kind}: '{id}'", "id", "resource_missing");

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = NewId("req");
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
