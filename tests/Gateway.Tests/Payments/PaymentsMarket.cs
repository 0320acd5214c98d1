using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.RazorpayStandIn;
using GrainMarket.StripeStandIn;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// A silo of its own whose Stripe is the stand-in (a real Kestrel server on a loopback port, reached through Stripe.net),
/// which delivers its signed webhooks to this silo's gateway, and whose Razorpay is the Razorpay stand-in, likewise. Card checkouts wait <see cref="Deadline"/> for their payment;
/// each attempt of a Stripe call may take <see cref="CallTimeout"/>.
/// </summary>
public sealed class PaymentsMarket : IAsyncLifetime
{
    public const string SecretKey = "sk_test_standin_payments";

    public const string WebhookSecret = "whsec_standin_payments_secret";

    public const string RazorpayKeyId = "rzp_test_standin";

    public const string RazorpayKeySecret = "standin_razorpay_key_secret";

    public const string RazorpayWebhookSecret = "standin_razorpay_webhook_secret";
    /// <summary>The Connect endpoint's own signing secret (the stand-in signs with <see cref="WebhookSecret"/>).</summary>
    public const string ConnectWebhookSecret = "whsec_standin_connect_secret";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);

    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    private IsolatedFactory? _factory;
    private StripeStandInServer? _stripe;
    private HttpClient? _stripeClient;
    private RazorpayStandInServer? _razorpay;
    private HttpClient? _razorpayClient;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The payments market has not started.");

    public StripeStandInServer Stripe => _stripe ?? throw new InvalidOperationException("The Stripe stand-in has not started.");

    public RazorpayStandInServer Razorpay => _razorpay ?? throw new InvalidOperationException("The Razorpay stand-in has not started.");

    public Shop Shop => new(Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _stripe = await StripeStandInServer.StartAsync(new StripeStandInOptions(SecretKey, WebhookSecret), CancellationToken.None);
        _razorpay = await RazorpayStandInServer.StartAsync(new RazorpayStandInOptions(RazorpayKeyId, RazorpayKeySecret, RazorpayWebhookSecret), CancellationToken.None);
        _factory = await IsolatedFactory.StartAsync(
            new Dictionary<string, string>
            {
                ["GRAINMARKET_STRIPE_SECRET_KEY"] = SecretKey,
                ["GRAINMARKET_STRIPE_WEBHOOK_SECRET"] = WebhookSecret,
                ["GRAINMARKET_STRIPE_CONNECT_WEBHOOK_SECRET"] = ConnectWebhookSecret,
                ["GRAINMARKET_STRIPE_API_BASE"] = _stripe.BaseAddress.AbsoluteUri,
                ["GRAINMARKET_STRIPE_TIMEOUT"] = CallTimeout.ToString(),
                ["GRAINMARKET_PAYMENT_DEADLINE"] = Deadline.ToString(),

                // The tests that hold webhooks back decide when they arrive: the background verification runs only
                // when a test sweeps (VerificationTests), never on its own in the middle of another test.
                ["GRAINMARKET_PAYMENT_VERIFY_INTERVAL"] = "01:00:00",
                ["GRAINMARKET_RAZORPAY_KEY_ID"] = RazorpayKeyId,
                ["GRAINMARKET_RAZORPAY_KEY_SECRET"] = RazorpayKeySecret,
                ["GRAINMARKET_RAZORPAY_WEBHOOK_SECRET"] = RazorpayWebhookSecret,
                ["GRAINMARKET_RAZORPAY_API_BASE"] = _razorpay.BaseAddress.AbsoluteUri,
                ["GRAINMARKET_RAZORPAY_TIMEOUT"] = CallTimeout.ToString(),
                ["GRAINMARKET_PAYOUT_INTERVAL"] = "00:00:00.2",
                ["GRAINMARKET_PAYOUT_RETRY"] = "00:00:01",
            },
            CancellationToken.None);
        _stripe.WebhookClient = _factory.CreateClient();
        _stripeClient = new HttpClient { BaseAddress = _stripe.BaseAddress };
        _stripeClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
        _razorpay.WebhookClient = _factory.CreateClient();
        _razorpayClient = new HttpClient { BaseAddress = _razorpay.BaseAddress };
        _razorpayClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RazorpayKeyId}:{RazorpayKeySecret}")));
    }

    public async ValueTask DisposeAsync()
    {
        _stripeClient?.Dispose();
        _stripe?.WebhookClient?.Dispose();
        _razorpayClient?.Dispose();
        _razorpay?.WebhookClient?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_stripe is not null)
        {
            await _stripe.DisposeAsync();
        }

        if (_razorpay is not null)
        {
            await _razorpay.DisposeAsync();
        }
    }

    /// <summary>Confirms a PaymentIntent at the stand-in with a test card, as Stripe.js would; its webhook is sent before the answer.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(string paymentIntentId, string paymentMethod = "pm_card_visa") =>
        await _stripeClient!.PostAsync(new Uri($"/v1/payment_intents/{paymentIntentId}/confirm", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["payment_method"] = paymentMethod }), Ct);

    /// <summary>
    /// Runs <paramref name="act"/> with the stand-in keeping its webhooks back, and returns the events it made about
    /// <paramref name="paymentIntentId"/>, oldest first, for the test to deliver when and as often as it likes.
    /// </summary>
    public async Task<IReadOnlyList<StandInEvent>> HeldEventsAsync(string paymentIntentId, Func<Task> act)
    {
        var before = Stripe.Events.Count;
        await HoldingAsync(hold => Stripe.HoldWebhooks = hold, act);
        return [.. Stripe.Events.Skip(before).Where(e => e.Body.Contains(paymentIntentId, StringComparison.Ordinal))];
    }

    /// <summary>Pays Razorpay order <paramref name="orderId"/> at the stand-in as Checkout.js would (its webhooks are sent before the answer); the answer is the handler's fields, or Checkout's error.</summary>
    public async Task<HttpResponseMessage> PayRazorpayAsync(string orderId, bool success = true) =>
        await _razorpayClient!.PostAsJsonAsync($"/standin/checkout/{orderId}", new { outcome = success ? "success" : "failure" }, Ct);

    /// <summary>Runs <paramref name="act"/> with the Razorpay stand-in keeping its webhooks back, and returns those about <paramref name="orderId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<RazorpayWebhook>> HeldRazorpayEventsAsync(string orderId, Func<Task> act)
    {
        var before = Razorpay.Events.Count;
        await HoldingAsync(hold => Razorpay.HoldWebhooks = hold, act);
        return [.. Razorpay.Events.Skip(before).Where(e => e.Body.Contains(orderId, StringComparison.Ordinal))];
    }

    /// <summary>Runs <paramref name="act"/> with a stand-in's webhooks held back (<paramref name="hold"/> true), then lets them go again.</summary>
    private static async Task HoldingAsync(Action<bool> hold, Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        hold(true);
        try
        {
            await act();
        }
        finally
        {
            hold(false);
        }
    }

    /// <summary>The seller finishes Stripe's onboarding of <paramref name="accountId"/> at the stand-in, which sends its <c>account.updated</c> before it answers.</summary>
    public async Task CompleteOnboardingAsync(string accountId)
    {
        using var done = await _stripeClient!.PostAsync(new Uri($"/standin/accounts/{accountId}/complete_onboarding", UriKind.Relative), new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    /// <summary>Refunds at the stand-in directly, as from Stripe's dashboard.</summary>
    public async Task<HttpResponseMessage> RefundAtStripeAsync(string paymentIntentId) =>
        await _stripeClient!.PostAsync(new Uri("/v1/refunds", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["payment_intent"] = paymentIntentId }), Ct);

    /// <summary>Starts a top-up of <paramref name="amount"/> and returns its PaymentIntent id.</summary>
    public static async Task<string> TopupAsync(TestUser user, long amount, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var created = await Json.ReadAsync(await user.Client.SendAsync(Shop.Post("/api/wallet/topups", new { amount }, key ?? Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>The wallet's available and held balances.</summary>
    public static async Task<(long Available, long Held)> BalancesAsync(TestUser user)
    {
        var wallet = await Shop.WalletAsync(user);
        return (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64());
    }

    /// <summary>
    /// Reads <paramref name="read"/> until it returns <paramref name="expected"/> (a read model is written as the
    /// participants confirm, a moment after the answer; a reminder fires when it is due), for at most 30 s; returns the last value read.
    /// </summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, T expected) =>
        EventuallyAsync(read, value => EqualityComparer<T>.Default.Equals(value, expected));

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> says so, for at most 30 s; returns the last value read.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The sum of a wallet's ledger entries of <paramref name="type"/> (the read model).</summary>
    public Task<long> LedgerAsync(Guid userId, string type) => LedgerAsync(Factory, userId, type);

    /// <summary>The sum of a wallet's ledger entries of <paramref name="type"/> in <paramref name="factory"/>'s read model.</summary>
    public static async Task<long> LedgerAsync(IsolatedFactory factory, Guid userId, string type)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var data = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(factory.Schema));
        await using var command = data.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The payments read model's row of a payment (status, credited), or null when GrainMarket never heard of it.</summary>
    public Task<(string Status, long Credited)?> PaymentRowAsync(string paymentIntentId, string provider = "stripe") => PaymentRowAsync(Factory, provider, paymentIntentId);

    /// <summary>The payments read model's row of <paramref name="provider"/>'s payment (status, credited) in <paramref name="factory"/>, or null.</summary>
    public static Task<(string Status, long Credited)?> PaymentRowAsync(IsolatedFactory factory, string provider, string paymentId) =>
        PaymentsRowAsync(factory, "status, credited", paymentId, provider, row => (row.GetString(0), row.GetInt64(1)));

    /// <summary>Whom the payments read model says a payment is for (its purpose and user), or null without a row.</summary>
    public Task<(string Purpose, Guid UserId)?> PaymentOwnerAsync(string paymentId, string provider) =>
        PaymentsRowAsync(Factory, "purpose, user_id", paymentId, provider, row => (row.GetString(0), row.GetGuid(1)));

    private static async Task<T?> PaymentsRowAsync<T>(IsolatedFactory factory, string columns, string paymentId, string provider, Func<NpgsqlDataReader, T> read)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var data = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(factory.Schema));
        await using var command = data.CreateCommand($"SELECT {columns} FROM payments WHERE provider = $2 AND payment_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = paymentId });
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? read(reader) : null;
    }

    /// <summary>Takes the verification sweep's advisory lock on a connection of its own, as another gateway sweeping would; disposing it lets go.</summary>
    public async Task<NpgsqlConnection> HoldSweepLockAsync()
    {
        var connection = new NpgsqlConnection(IsolatedFactory.ConnectionStringOf(Factory.Schema) + ";Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(ApiGateway.Payments.PaymentVerifier.SweepLockSql("pg_advisory_lock"), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ApiGateway.Payments.PaymentVerifier.SweepLock });
        await command.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    /// <summary>An order as its buyer sees it.</summary>
    public static async Task<JsonElement> OrderAsync(TestUser buyer, Guid orderId) =>
        await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
}
