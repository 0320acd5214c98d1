using System.Net;
using System.Net.Http.Json;
using GrainMarket.ApiGateway.Analytics;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Analytics;

/// <summary>
/// A silo of its own whose clock the seeding moves, with two sellers' orders over two UTC days (from 10:00 on each,
/// tomorrow and the day after, so that no step crosses midnight), seeded once for the analytics tests:
/// <list type="bullet">
/// <item>Day 1: X buys 2 × A1 (100.00) and completes; Y buys 1 × A2 (25.00) and cancels; Y buys 3 × B1 (40.00) and
/// 2 × A2 in one cart and completes; A1 is viewed 4 times and A2 twice (and A1 once by its seller, which does not count).</item>
/// <item>Day 2: X buys 1 × A1 and completes; X's return of 1 × A1 from the day-1 order is refunded (after settlement); Y
/// buys 1 × A1 and leaves the order placed; A1 is viewed once.</item>
/// </list>
/// </summary>
public sealed class AnalyticsMarket : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private IsolatedFactory? _factory;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The analytics market has not started.");

    /// <summary>The schema's database, to wait for confirmations.</summary>
    public NpgsqlDataSource Database { get; private set; } = null!;

    public DateOnly Day1 { get; private set; }

    public DateOnly Day2 => Day1.AddDays(1);

    public TestUser SellerA { get; private set; } = null!;

    public TestUser SellerB { get; private set; } = null!;

    public TestUser BuyerX { get; private set; } = null!;

    public TestUser BuyerY { get; private set; } = null!;

    public TestUser Admin { get; private set; } = null!;

    public Guid A1 { get; private set; }

    public Guid A2 { get; private set; }

    public Guid B1 { get; private set; }

    /// <summary>Every order, placed in this order: X's A1 ×2, Y's cancelled A2, Y's cart, X's A1 ×1, Y's open A1.</summary>
    public IReadOnlyList<Guid> Orders { get; private set; } = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var schema = TestDatabase.NewSchemaName();
        Database = await TestDatabase.CreateSchemaAsync(schema, migrate: false, CancellationToken.None);
        _factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), CancellationToken.None, schema, clock: _clock);
        await SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in new[] { SellerA, SellerB, BuyerX, BuyerY, Admin })
        {
            user?.Dispose();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>Waits until every order's read models show its last transaction.</summary>
    public async Task ConfirmedAsync()
    {
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        foreach (var order in Orders)
        {
            await StoredState.ConfirmedAsync(Database, grains.GetGrain<IOrderGrain>(order).GetGrainId(), "order", Ct);
        }
    }

    private async Task SeedAsync()
    {
        var shop = new Shop(Factory);
        Admin = await TestUsers.AdminAsync(Factory);
        SellerA = await TestUsers.CreateAsync(Factory, "seller");
        SellerB = await TestUsers.CreateAsync(Factory, "seller");
        var category = await shop.CategoryAsync();
        A1 = await CatalogSeed.ProductIdAsync(SellerA, category, "A1", price: 10_000, stock: 10);
        A2 = await CatalogSeed.ProductIdAsync(SellerA, category, "A2", price: 2_500, stock: 10);
        B1 = await CatalogSeed.ProductIdAsync(SellerB, category, "B1", price: 4_000, stock: 10);
        BuyerX = await shop.BuyerAsync(100_000);
        BuyerY = await shop.BuyerAsync(100_000);

        // Access tokens are checked against real time, so everyone signs in before the clock moves to 10:00 tomorrow.
        var now = _clock.GetUtcNow();
        var day1 = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        _clock.Advance(day1 - now);
        Day1 = DateOnly.FromDateTime(day1.UtcDateTime);

        // Day 1.
        var first = await BuyNowAsync(BuyerX, A1, 2);
        await CompletedAsync(first, BuyerX, SellerA);
        var cancelled = await BuyNowAsync(BuyerY, A2, 1);
        await ReturnDesk.StepAsync(BuyerY, $"/api/orders/{cancelled}/cancel");
        await Json.ReadAsync(await BuyerY.Client.PutAsJsonAsync($"/api/cart/items/{B1}", new { quantity = 3 }, Ct));
        await Json.ReadAsync(await BuyerY.Client.PutAsJsonAsync($"/api/cart/items/{A2}", new { quantity = 2 }, Ct));
        var cart = (await Json.ReadAsync(await Shop.CheckoutAsync(BuyerY), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await CompletedAsync(cart, BuyerY, SellerA, SellerB);
        // The seller looking at their own listing is not a view.
        await Json.ReadAsync(await SellerA.Client.GetAsync(new Uri($"/api/products/{A1}", UriKind.Relative), Ct));
        await ViewAsync(A1, 4);
        await ViewAsync(A2, 2);

        // Day 2.
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await BuyNowAsync(BuyerX, A1, 1);
        await CompletedAsync(second, BuyerX, SellerA);
        var returnId = (await Json.ReadAsync(
            await BuyerX.Client.SendAsync(Shop.Post("/api/returns", new { orderId = first, lines = new[] { new { productId = A1, quantity = 1 } }, reason = "It does not fit.", photoUrls = new[] { "https://img.grainmarket.test/return.jpg" } }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(SellerA, $"/api/returns/{returnId}/approve");
        await ReturnDesk.StepAsync(Admin, $"/api/returns/{returnId}/pickup");
        await ReturnDesk.StepAsync(SellerA, $"/api/returns/{returnId}/receive");
        await ReturnDesk.StepAsync(Admin, $"/api/returns/{returnId}/inspection", new { units = new[] { new { productId = A1, condition = "resellable" } } });
        await Json.ReadAsync(await Admin.Client.PostAsJsonAsync($"/api/returns/{returnId}/decision", new { outcome = "refund", sellerAtFault = false }, Ct));
        var open = await BuyNowAsync(BuyerY, A1, 1);
        await ViewAsync(A1, 1);
        Orders = [first, cancelled, cart, second, open];
        await ConfirmedAsync();
    }

    private static async Task<Guid> BuyNowAsync(TestUser buyer, Guid product, int quantity) =>
        (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, quantity), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>Accepted and shipped by each seller, delivered by the admin, completed by the buyer.</summary>
    private async Task CompletedAsync(Guid orderId, TestUser buyer, params TestUser[] sellers)
    {
        foreach (var seller in sellers)
        {
            await ReturnDesk.StepAsync(seller, $"/api/orders/{orderId}/accept");
            await ReturnDesk.StepAsync(seller, $"/api/orders/{orderId}/ship");
        }

        await ReturnDesk.StepAsync(Admin, $"/api/orders/{orderId}/deliver");
        await ReturnDesk.StepAsync(buyer, $"/api/orders/{orderId}/complete");
    }

    /// <summary>Anonymous detail views, then a flush of the gateway's counter so that they are in the read model.</summary>
    private async Task ViewAsync(Guid product, int times)
    {
        using var anonymous = Factory.CreateClient();
        for (var i = 0; i < times; i++)
        {
            await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products/{product}", UriKind.Relative), Ct));
        }

        await Factory.Services.GetRequiredService<ProductViews>().FlushAsync(Ct);
    }
}
