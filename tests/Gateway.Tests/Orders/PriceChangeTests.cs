using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Orders;

/// <summary>A checkout names the total the buyer saw; a price raised since then refuses it and changes nothing.</summary>
public sealed class PriceChangeTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_price_raised_between_cart_and_checkout_answers_409_price_changed_and_holds_and_reserves_nothing()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 900, stock: 5);
        using var buyer = await _shop.BuyerAsync(100_000);
        var cart = await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 1 }, Ct));
        var seen = cart.GetProperty("total").GetInt64();
        Assert.Equal(900, seen);

        await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{product}", new { price = 60_000 }, Ct));
        var refused = await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = Shop.Address, expectedTotal = seen }, Guid.NewGuid().ToString()), Ct);

        var problem = await Problems.AssertAsync(refused, HttpStatusCode.Conflict, "price-changed", "expectedTotal");
        Assert.Equal(60_000, problem.GetProperty("currentTotal").GetInt64());
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal(100_000, wallet.GetProperty("available").GetInt64());
        Assert.Equal(0, wallet.GetProperty("held").GetInt64());
        var stock = await _shop.StockAsync(product);
        Assert.Equal(5, stock.GetProperty("available").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        var kept = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Equal(1, Assert.Single(kept.GetProperty("items").EnumerateArray()).GetProperty("quantity").GetInt32());

        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = Shop.Address, expectedTotal = 60_000 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        Assert.Equal(60_000, order.GetProperty("total").GetInt64());
        Assert.Equal(60_000, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task Buy_now_checks_the_expected_total_too_and_a_matching_one_places_the_order()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 900, stock: 5);
        using var buyer = await _shop.BuyerAsync(100_000);

        var refused = await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = Shop.Address, expectedTotal = 900 }, Guid.NewGuid().ToString()), Ct);
        var problem = await Problems.AssertAsync(refused, HttpStatusCode.Conflict, "price-changed", "expectedTotal");
        Assert.Equal(1_800, problem.GetProperty("currentTotal").GetInt64());
        Assert.Equal(0, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
        Assert.Equal(0, (await _shop.StockAsync(product)).GetProperty("reserved").GetInt64());
        await Problems.AssertAsync(
            await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = Shop.Address, expectedTotal = -1 }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.BadRequest, "validation-failed", "expectedTotal");

        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = Shop.Address, expectedTotal = 1_800 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        Assert.Equal(1_800, order.GetProperty("total").GetInt64());
        Assert.Equal(2, (await _shop.StockAsync(product)).GetProperty("reserved").GetInt64());
    }
}
