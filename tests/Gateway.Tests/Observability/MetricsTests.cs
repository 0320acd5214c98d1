using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Orders;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Observability;

/// <summary>
/// <c>/metrics</c> of a silo of its own, started by the test: OpenTelemetry listens to every meter of a name in the
/// process, and a meter that ASP.NET Core or Orleans made for another test server ends that metric for all when its
/// server stops; in this collection no other server starts or stops meanwhile.
/// </summary>
[Collection(typeof(MetricsCollection))]
public sealed class MetricsTests(MarketplaceFactory shared)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_expose_orders_checkout_latency_bids_escrow_outbox_Orleans_AspNetCore_and_Npgsql_after_a_checkout()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct);
        var shop = new Shop(factory);
        var auctions = new AuctionHouse(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 400, stock: 10);
        using var buyer = await shop.BuyerAsync(10_000);
        var auction = await auctions.LiveAsync(seller, startingPrice: 100);
        using var anonymous = factory.CreateClient();
        var before = await ScrapeAsync(anonymous);

        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 2 }, Ct));
        await Json.ReadAsync(await Shop.CheckoutAsync(buyer), HttpStatusCode.Created);
        await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created);
        var repeatKey = Guid.NewGuid().ToString();
        await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1, repeatKey), HttpStatusCode.Created);
        using var repeated = await Shop.BuyNowAsync(buyer, product, 1, repeatKey);
        Assert.True(repeated.IsSuccessStatusCode, $"the repeat answered {(int)repeated.StatusCode}");
        await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 100), HttpStatusCode.Conflict);

        // A retry that reaches the order grain again (as one racing the first does) finds the order placed: not counted.
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var direct = new PlaceOrder(buyer.Id, [new CartLine(product, 1)], new ShippingAddress("1 Market Street", "Springfield", "IL", "62701", "US"));
        var orderId = Guid.NewGuid();
        Assert.True((await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(direct)).Succeeded);
        Assert.True((await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(direct)).Succeeded);
        await AuctionHouse.AcceptedBidAsync(buyer, auction, 100);
        var after = await ScrapeAsync(anonymous);

        // Four orders placed; neither repeat is a fifth, and the refused buy-now places none.
        Assert.Equal("counter", after.TypeOf("grainmarket_orders_placed_total"));
        Assert.Equal(4, after.Sum("grainmarket_orders_placed_total", "source=\"checkout\"") - before.Sum("grainmarket_orders_placed_total", "source=\"checkout\""));
        Assert.Equal(1, after.Sum("grainmarket_bids_placed_total") - before.Sum("grainmarket_bids_placed_total"));

        // Every checkout that reached the order grain is timed, the refusal under its code; the repeat is answered with the
        // stored first response before it reaches the endpoint.
        Assert.Equal("histogram", after.TypeOf("grainmarket_checkout_duration_seconds"));
        Assert.Equal(3, after.Sum("grainmarket_checkout_duration_seconds_count", "outcome=\"placed\"") - before.Sum("grainmarket_checkout_duration_seconds_count", "outcome=\"placed\""));
        Assert.Equal(1, after.Sum("grainmarket_checkout_duration_seconds_count", "outcome=\"insufficient-stock\"") - before.Sum("grainmarket_checkout_duration_seconds_count", "outcome=\"insufficient-stock\""));
        Assert.Contains(after.Samples("grainmarket_checkout_duration_seconds_bucket"), line => line.Contains("le=\"0.1\"", StringComparison.Ordinal));

        Assert.Equal("gauge", after.TypeOf("grainmarket_escrow_held"));
        Assert.Contains(after.Samples("grainmarket_escrow_held"), line => line.Contains("currency=\"USD\"", StringComparison.Ordinal));
        Assert.Equal("gauge", after.TypeOf("grainmarket_outbox_backlog"));
        Assert.Single(after.Samples("grainmarket_outbox_backlog"));

        Assert.NotEmpty(after.Samples("http_server_request_duration_seconds_count"));
        Assert.Contains("orleans_", after.Text, StringComparison.Ordinal);
        Assert.Contains("db_client_", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_left_out_of_the_OpenAPI_description()
    {
        using var client = shared.CreateClient();
        var document = await Json.ReadAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));

        Assert.False(document.GetProperty("paths").TryGetProperty("/metrics", out _));
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return new PrometheusText(text);
    }
}
