using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Orders;

public sealed class OrderLifecycleTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_completed_order_across_three_sellers_pays_each_their_lines_minus_the_fee_and_the_platform_the_fee()
    {
        var category = await _shop.CategoryAsync();
        var sellers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestUsers.CreateAsync(factory, "seller")));
        long[] prices = [1_999, 3_333, 50];
        var products = new Guid[3];
        for (var i = 0; i < 3; i++)
        {
            products[i] = await CatalogSeed.ProductIdAsync(sellers[i], category, price: prices[i], stock: 10);
        }

        using var buyer = await _shop.BuyerAsync(100_000);
        foreach (var (product, quantity) in products.Zip(new[] { 3, 1, 7 }))
        {
            await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity }, Ct));
        }

        var placed = await Json.ReadAsync(await Shop.CheckoutAsync(buyer), HttpStatusCode.Created);
        var orderId = placed.GetProperty("id").GetGuid();
        var total = (1_999 * 3) + 3_333 + (50 * 7);
        Assert.Equal(total, placed.GetProperty("total").GetInt64());

        // Each seller moves their own lines; the order follows the least advanced seller.
        await StepAsync(sellers[0], orderId, "accept", "placed");
        await StepAsync(sellers[1], orderId, "accept", "placed");
        await StepAsync(sellers[2], orderId, "accept", "processing");
        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm-delivery", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
        var partlyShipped = await StepAsync(sellers[0], orderId, "ship", "processing");
        Assert.Equal("shipped", partlyShipped.GetProperty("fulfilment").GetProperty(sellers[0].Id.ToString()).GetString());
        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
        await StepAsync(sellers[1], orderId, "ship", "processing");
        await StepAsync(sellers[2], orderId, "ship", "shipped");
        await StepAsync(buyer, orderId, "confirm-delivery", "delivered");

        var completed = await StepAsync(buyer, orderId, "complete", "completed");

        // 2% fee per seller, rounded down: 5997 → 119, 3333 → 66, 350 → 7.
        long[] sales = [5_997, 3_333, 350];
        long[] fees = [119, 66, 7];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(sales[i] - fees[i], (await Shop.WalletAsync(sellers[i])).GetProperty("available").GetInt64());
            Assert.Equal(sales[i] - fees[i], await _shop.LedgerSumAsync(sellers[i].Id.ToString(), "PAYMENT", orderId));
        }

        Assert.Equal(fees.Sum(), await _shop.LedgerSumAsync("platform", "FEE", orderId));
        Assert.Equal(total, sales.Sum());
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal(100_000 - total, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(0, wallet.GetProperty("held").GetInt64());
        var stock = await _shop.StockAsync(products[0]);
        Assert.Equal(3, stock.GetProperty("sold").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        Assert.Equal(["placed", "processing", "shipped", "delivered", "completed"], completed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()));

        // Completing again changes nothing and pays nobody twice.
        await StepAsync(buyer, orderId, "complete", "completed");
        Assert.Equal(fees.Sum(), await _shop.LedgerSumAsync("platform", "FEE", orderId));

        // Orleans detects no call cycles (one would wait for the response timeout): checkout and settlement made none.
        CallCycles.AssertNone(factory);
        foreach (var seller in sellers)
        {
            seller.Dispose();
        }
    }

    [Fact]
    public async Task A_cancelled_order_puts_the_money_and_the_stock_back()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 1_000, stock: 4);
        using var buyer = await _shop.BuyerAsync(5_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 3), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await StepAsync(seller, orderId, "accept", "processing");

        await StepAsync(buyer, orderId, "cancel", "cancelled");

        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal(5_000, wallet.GetProperty("available").GetInt64());
        Assert.Equal(0, wallet.GetProperty("held").GetInt64());
        var stock = await _shop.StockAsync(product);
        Assert.Equal(4, stock.GetProperty("available").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
        CallCycles.AssertNone(factory);
    }

    [Fact]
    public async Task A_shipped_order_can_no_longer_be_cancelled()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync());
        using var buyer = await _shop.BuyerAsync(5_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await StepAsync(seller, orderId, "accept", "processing");
        await StepAsync(seller, orderId, "ship", "shipped");

        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
    }

    [Fact]
    public async Task An_order_is_seen_by_its_parties_and_admins_and_is_a_404_to_anyone_else()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync());
        using var buyer = await _shop.BuyerAsync(5_000);
        using var stranger = await _shop.BuyerAsync(0);
        using var otherSeller = await TestUsers.CreateAsync(factory, "seller");
        using var admin = await TestUsers.AdminAsync(factory);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var path = new Uri($"/api/orders/{orderId}", UriKind.Relative);

        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seller.Client.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(path, Ct)).StatusCode);
        await Problems.AssertAsync(await stranger.Client.GetAsync(path, Ct), HttpStatusCode.NotFound, "order-not-found");
        await Problems.AssertAsync(await otherSeller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct), HttpStatusCode.NotFound, "order-not-found");
        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await stranger.Client.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null, Ct), HttpStatusCode.NotFound, "order-not-found");
    }

    [Fact]
    public async Task Buyers_and_sellers_list_their_orders_newest_first()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), stock: 10);
        using var buyer = await _shop.BuyerAsync(10_000);
        var first = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var second = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 2), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await StepAsync(seller, first, "accept", "processing");
        await Confirmations.OrderAsync(factory, first);
        await Confirmations.OrderAsync(factory, second);

        var mine = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/orders?limit=1", UriKind.Relative), Ct));
        var next = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders?limit=1&cursor={mine.GetProperty("next").GetString()}", UriKind.Relative), Ct));
        var processing = await Json.ReadAsync(await seller.Client.GetAsync(new Uri("/api/seller/orders?status=processing", UriKind.Relative), Ct));

        Assert.Equal(second, Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(first, Assert.Single(next.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(first, Assert.Single(processing.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        await Problems.AssertAsync(await seller.Client.GetAsync(new Uri("/api/seller/orders?status=lost", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "status");
    }

    private static async Task<JsonElement> StepAsync(TestUser user, Guid orderId, string step, string expectedStatus)
    {
        var order = await Json.ReadAsync(await user.Client.PostAsync(new Uri($"/api/orders/{orderId}/{step}", UriKind.Relative), null, Ct));
        Assert.Equal(expectedStatus, order.GetProperty("status").GetString());
        return order;
    }
}
