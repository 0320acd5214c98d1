using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.MpesaStandIn;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// A KES marketplace of its own whose M-Pesa is the Daraja stand-in (a real Kestrel server on a loopback port), which
/// POSTs its result callbacks to this silo's gateway at the addresses the gateway gave it (public base
/// <see cref="CallbackBase"/>). Orders paid by M-Pesa wait <see cref="Deadline"/> for their payment.
/// </summary>
public sealed class MpesaMarket : IAsyncLifetime
{
    public const string ConsumerKey = "standin-consumer-key";
    public const string ConsumerSecret = "standin-consumer-secret";
    public const string ShortCode = "174379";
    public const string Passkey = "standin-passkey-bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
    public const string CallbackSecret = "standin-callback-secret";
    public const string CallbackBase = "https://market.example.test";

    /// <summary>The buyers' phone as they type it, and as Daraja gets it.</summary>
    public const string Phone = "0712 345 678";
    public const string Msisdn = "254712345678";

    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private IsolatedFactory? _factory;
    private MpesaStandInServer? _mpesa;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The M-Pesa market has not started.");

    public MpesaStandInServer Mpesa => _mpesa ?? throw new InvalidOperationException("The M-Pesa stand-in has not started.");

    public Shop Shop => new(Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _mpesa = await MpesaStandInServer.StartAsync(new MpesaStandInOptions(ConsumerKey, ConsumerSecret, ShortCode, Passkey), CancellationToken.None);
        _factory = await IsolatedFactory.StartAsync(
            new Dictionary<string, string>
            {
                ["GRAINMARKET_CURRENCY"] = "KES",
                ["GRAINMARKET_MPESA_CONSUMER_KEY"] = ConsumerKey,
                ["GRAINMARKET_MPESA_CONSUMER_SECRET"] = ConsumerSecret,
                ["GRAINMARKET_MPESA_SHORTCODE"] = ShortCode,
                ["GRAINMARKET_MPESA_PASSKEY"] = Passkey,
                ["GRAINMARKET_MPESA_CALLBACK_SECRET"] = CallbackSecret,
                ["GRAINMARKET_MPESA_CALLBACK_BASE"] = CallbackBase,
                ["GRAINMARKET_MPESA_API_BASE"] = _mpesa.BaseAddress.AbsoluteUri,
                ["GRAINMARKET_MPESA_TIMEOUT"] = "00:00:05",
                ["GRAINMARKET_MPESA_INITIATOR_NAME"] = "standin-initiator",
                ["GRAINMARKET_MPESA_SECURITY_CREDENTIAL"] = "standin-security-credential",
                ["GRAINMARKET_PAYMENT_DEADLINE"] = Deadline.ToString(),
            },
            CancellationToken.None);
        _mpesa.CallbackClient = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _mpesa?.CallbackClient?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_mpesa is not null)
        {
            await _mpesa.DisposeAsync();
        }
    }

    /// <summary>A seller's product at <paramref name="price"/> and a buyer with an empty wallet.</summary>
    public async Task<(TestUser Buyer, Guid ProductId)> SetUpAsync(long price, long stock)
    {
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var productId = await Catalog.CatalogSeed.ProductIdAsync(seller, await Shop.CategoryAsync(), price: price, stock: stock);
        return (await TestUsers.CreateAsync(Factory, "buyer"), productId);
    }

    /// <summary>A buy-now paid by M-Pesa from <paramref name="phone"/>: the answer, whatever it is.</summary>
    public static async Task<HttpResponseMessage> BuyNowAsync(TestUser buyer, Guid productId, int quantity, string? phone = Phone, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        return await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity, shippingAddress = Shop.Address, paymentMethod = "mpesa", payerPhone = phone }, key ?? Guid.NewGuid().ToString()), Ct);
    }

    /// <summary>The phone answers push <paramref name="checkoutRequestId"/> through the stand-in's HTTP endpoint, as a developer would with curl.</summary>
    public async Task<HttpStatusCode> AnswerAsync(string checkoutRequestId, bool accept)
    {
        using var client = new HttpClient { BaseAddress = Mpesa.BaseAddress };
        using var response = await client.PostAsync(new Uri($"/standin/stkpush/{checkoutRequestId}/{(accept ? "accept" : "decline")}", UriKind.Relative), null, Ct);
        return response.StatusCode;
    }

    /// <summary>Runs <paramref name="act"/> with the stand-in keeping its callbacks back, and returns those it made, oldest first.</summary>
    public async Task<IReadOnlyList<StandInCallback>> HeldCallbacksAsync(Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var before = Mpesa.Callbacks.Count;
        Mpesa.HoldCallbacks = true;
        try
        {
            await act();
        }
        finally
        {
            Mpesa.HoldCallbacks = false;
        }

        return [.. Mpesa.Callbacks.Skip(before)];
    }

    /// <summary>POSTs <paramref name="body"/> to the gateway at <paramref name="pathAndQuery"/>, as anyone on the internet could.</summary>
    public async Task<HttpResponseMessage> PostCallbackAsync(string pathAndQuery, string body)
    {
        using var gateway = Factory.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await gateway.PostAsync(new Uri(pathAndQuery, UriKind.Relative), content, Ct);
    }

    public Task<long> LedgerAsync(Guid userId, string type) => PaymentsMarket.LedgerAsync(Factory, userId, type);

    public Task<(string Status, long Credited)?> PaymentRowAsync(string checkoutRequestId) => PaymentsMarket.PaymentRowAsync(Factory, "mpesa", checkoutRequestId);

    /// <summary>The stock line's available and reserved units, once the read model shows them (at most 30 s).</summary>
    public async Task<(long Available, long Reserved)> StockAsync(Guid productId, long available, long reserved) =>
        await PaymentsMarket.EventuallyAsync(async () =>
        {
            var stock = await Shop.StockAsync(productId);
            return (stock.GetProperty("available").GetInt64(), stock.GetProperty("reserved").GetInt64());
        }, (available, reserved));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await Json.ReadAsync(response, HttpStatusCode.BadRequest);
}
