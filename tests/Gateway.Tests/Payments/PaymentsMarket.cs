using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.StripeStandIn;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// A silo of its own whose Stripe is the stand-in (a real Kestrel server on a loopback port, reached through Stripe.net),
/// which delivers its signed webhooks to this silo's gateway. Card checkouts wait <see cref="Deadline"/> for their payment;
/// each attempt of a Stripe call may take <see cref="CallTimeout"/>.
/// </summary>
public sealed class PaymentsMarket : IAsyncLifetime
{
    public const string SecretKey = "sk_test_standin_payments";

    public const string WebhookSecret = "whsec_standin_payments_secret";

    /// <summary>The Connect endpoint's own signing secret (the stand-in signs with <see cref="WebhookSecret"/>).</summary>
    public const string ConnectWebhookSecret = "whsec_standin_connect_secret";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);

    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    private IsolatedFactory? _factory;
    private StripeStandInServer? _stripe;
    private HttpClient? _stripeClient;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The payments market has not started.");

    public StripeStandInServer Stripe => _stripe ?? throw new InvalidOperationException("The Stripe stand-in has not started.");

    public Shop Shop => new(Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _stripe = await StripeStandInServer.StartAsync(new StripeStandInOptions(SecretKey, WebhookSecret), CancellationToken.None);
        _factory = await IsolatedFactory.StartAsync(
            new Dictionary<string, string>
            {
                ["GRAINMARKET_STRIPE_SECRET_KEY"] = SecretKey,
                ["GRAINMARKET_STRIPE_WEBHOOK_SECRET"] = WebhookSecret,
                ["GRAINMARKET_STRIPE_CONNECT_WEBHOOK_SECRET"] = ConnectWebhookSecret,
                ["GRAINMARKET_STRIPE_API_BASE"] = _stripe.BaseAddress.AbsoluteUri,
                ["GRAINMARKET_STRIPE_TIMEOUT"] = CallTimeout.ToString(),
                ["GRAINMARKET_PAYMENT_DEADLINE"] = Deadline.ToString(),
                ["GRAINMARKET_PAYOUT_INTERVAL"] = "00:00:00.2",
                ["GRAINMARKET_PAYOUT_RETRY"] = "00:00:01",
            },
            CancellationToken.None);
        _stripe.WebhookClient = _factory.CreateClient();
        _stripeClient = new HttpClient { BaseAddress = _stripe.BaseAddress };
        _stripeClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
    }

    public async ValueTask DisposeAsync()
    {
        _stripeClient?.Dispose();
        _stripe?.WebhookClient?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_stripe is not null)
        {
            await _stripe.DisposeAsync();
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
        ArgumentNullException.ThrowIfNull(act);
        var before = Stripe.Events.Count;
        Stripe.HoldWebhooks = true;
        try
        {
            await act();
        }
        finally
        {
            Stripe.HoldWebhooks = false;
        }

        return [.. Stripe.Events.Skip(before).Where(e => e.Body.Contains(paymentIntentId, StringComparison.Ordinal))];
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
    public async Task<long> LedgerAsync(Guid userId, string type)
    {
        await using var data = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(Factory.Schema));
        await using var command = data.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The payments read model's row of a PaymentIntent (status, credited), or null when GrainMarket never applied an event of it.</summary>
    public async Task<(string Status, long Credited)?> PaymentRowAsync(string paymentIntentId)
    {
        await using var data = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(Factory.Schema));
        await using var command = data.CreateCommand("SELECT status, credited FROM payments WHERE provider = 'stripe' AND payment_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = paymentIntentId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    /// <summary>An order as its buyer sees it.</summary>
    public static async Task<JsonElement> OrderAsync(TestUser buyer, Guid orderId) =>
        await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
}
