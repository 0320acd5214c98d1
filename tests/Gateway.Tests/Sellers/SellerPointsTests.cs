using System.Net;
using GrainMarket.Gateway.Tests.Brands;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Sellers;

/// <summary>
/// Points a seller earns and loses through orders, on a silo of its own whose clock the test moves: the shipping deadline
/// is two days after placement and costs 10 points; a completion earns a point per whole 10.00 of what was sold.
/// </summary>
public sealed class SellerPointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_late_shipment_costs_points_once_and_a_completion_earns_exact_points()
    {
        var clock = new ShiftedClock();
        await using var market = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, clock: clock);
        var shop = new Shop(market);
        using var seller = await TestUsers.CreateAsync(market, "seller");
        using var admin = await TestUsers.AdminAsync(market);
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 12_345, stock: 5);
        using var buyer = await shop.BuyerAsync(100_000);

        var onTime = await PlacedAsync(buyer, product, 1);
        var late = await PlacedAsync(buyer, product, 2);
        await ReturnDesk.StepAsync(seller, $"/api/orders/{onTime}/accept");
        await ReturnDesk.StepAsync(seller, $"/api/orders/{onTime}/ship");
        Assert.Equal(0, (await Branding.PointsAsync(seller, seller.Id)).GetProperty("points").GetInt64());

        // Two days after placement the deadline has not passed; a minute later it has.
        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await ReturnDesk.StepAsync(seller, $"/api/orders/{late}/accept");
        clock.Advance(TimeSpan.FromMinutes(2));
        await ReturnDesk.StepAsync(seller, $"/api/orders/{late}/ship");
        var points = await Branding.PointsAsync(seller, seller.Id);
        Assert.Equal(-10, points.GetProperty("points").GetInt64());
        Assert.Equal(("bronze", 110), (points.GetProperty("rank").GetString(), points.GetProperty("pointsToNextRank").GetInt64()));
        var penalty = Assert.Single(points.GetProperty("history").EnumerateArray());
        Assert.Equal(($"late-shipping:{late:N}:{seller.Id:N}", -10), (penalty.GetProperty("id").GetString(), penalty.GetProperty("change").GetInt64()));

        // Shipping again changes nothing; completing both earns floor(123.45 / 10) = 12 and floor(246.90 / 10) = 24 points.
        await ReturnDesk.StepAsync(seller, $"/api/orders/{late}/ship");
        foreach (var order in new[] { onTime, late })
        {
            await ReturnDesk.StepAsync(admin, $"/api/orders/{order}/deliver");
            await ReturnDesk.StepAsync(buyer, $"/api/orders/{order}/complete");
        }

        await ReturnDesk.StepAsync(buyer, $"/api/orders/{late}/complete");
        points = await Branding.PointsAsync(seller, seller.Id);
        Assert.Equal(-10 + 12 + 24, points.GetProperty("points").GetInt64());
        Assert.Equal(
            [$"sale:{late:N}:{seller.Id:N}", $"sale:{onTime:N}:{seller.Id:N}", $"late-shipping:{late:N}:{seller.Id:N}"],
            [.. points.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)]);
    }

    private static async Task<Guid> PlacedAsync(TestUser buyer, Guid product, int quantity) =>
        (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, quantity), HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
