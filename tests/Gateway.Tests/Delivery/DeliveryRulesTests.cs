using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>
/// Issue #24 item 14: a seller alone can no longer mark an order delivered; the buyer confirms it or disputes it, and an
/// admin resolves a dispute by releasing the money to the sellers or refunding the buyer in full.
/// </summary>
public sealed class DeliveryRulesTests(MarketplaceFactory factory)
{
    private readonly Couriers _couriers = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_cannot_mark_an_order_delivered_and_the_buyer_confirms_it()
    {
        var (seller, product) = await _couriers.SellerAsync();
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(30_000);
        var orderId = await ShippedBySellerAsync(buyer, seller, product);

        await Problems.AssertAsync(await PostAsync(seller, orderId, "deliver"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await PostAsync(seller, orderId, "confirm-delivery"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("shipped", (await Couriers.OrderAsync(seller, orderId)).GetProperty("status").GetString());

        var delivered = await Json.ReadAsync(await PostAsync(buyer, orderId, "confirm-delivery"));
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        Assert.Equal("buyer-confirmation", delivered.GetProperty("delivery").GetProperty("method").GetString());
        Assert.Equal(buyer.Id, delivered.GetProperty("delivery").GetProperty("by").GetGuid());
        Assert.Equal("delivered", (await Json.ReadAsync(await PostAsync(buyer, orderId, "confirm-delivery"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_releasing_a_dispute_delivers_and_completes_the_order_paying_the_seller_exactly()
    {
        var (seller, product) = await _couriers.SellerAsync(price: 12_345);
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(30_000);
        var orderId = await ShippedBySellerAsync(buyer, seller, product);
        await Json.ReadAsync(await PostAsync(buyer, orderId, "confirm-delivery"));

        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/dispute", new { reason = "mine" }, Ct), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await buyer.Client.PostAsJsonAsync($"/api/orders/{orderId}/dispute", new { reason = "  " }, Ct), HttpStatusCode.BadRequest, "validation-failed", "reason");
        var disputed = await Json.ReadAsync(await buyer.Client.PostAsJsonAsync($"/api/orders/{orderId}/dispute", new { reason = "The box was empty." }, Ct));
        Assert.Equal("disputed", disputed.GetProperty("status").GetString());
        Assert.Equal("delivered", disputed.GetProperty("dispute").GetProperty("from").GetString());
        await Problems.AssertAsync(await PostAsync(buyer, orderId, "complete"), HttpStatusCode.Conflict, "invalid-order-transition");
        var notes = await Json.ReadAsync(await seller.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        Assert.Contains(notes.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "order-disputed");

        using var admin = await TestUsers.AdminAsync(factory);
        await Problems.AssertAsync(await ResolveAsync(admin, orderId, "keep", "x"), HttpStatusCode.BadRequest, "validation-failed", "outcome");
        var resolved = await Json.ReadAsync(await ResolveAsync(admin, orderId, "release", "Photo shows the item delivered."));
        Assert.Equal("completed", resolved.GetProperty("status").GetString());
        Assert.Equal("release", resolved.GetProperty("dispute").GetProperty("outcome").GetString());
        Assert.Equal(["placed", "processing", "shipped", "delivered", "disputed", "dispute-resolved", "delivered", "completed"], Couriers.History(resolved));

        var fee = 12_345 * 200 / 10_000;
        Assert.Equal(12_345 - fee, await _couriers.Shop.LedgerSumAsync(seller.Id.ToString(), "PAYMENT", orderId));
        Assert.Equal(fee, await _couriers.Shop.LedgerSumAsync("platform", "FEE", orderId));
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal(30_000 - 12_345, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(0, wallet.GetProperty("held").GetInt64());
        Assert.Equal(1, (await _couriers.Shop.StockAsync(product)).GetProperty("sold").GetInt64());
        Assert.Equal("completed", (await Json.ReadAsync(await ResolveAsync(admin, orderId, "release", "again"))).GetProperty("status").GetString());
        Assert.Equal(12_345 - fee, await _couriers.Shop.LedgerSumAsync(seller.Id.ToString(), "PAYMENT", orderId));
    }

    [Fact]
    public async Task An_admin_refunding_a_dispute_cancels_the_order_and_returns_all_the_money_and_the_stock()
    {
        var (seller, product) = await _couriers.SellerAsync(price: 7_777, stock: 4);
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(20_000);
        var orderId = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
        using var courier = await _couriers.CourierAsync(region: null);
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "claim"));
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));

        // Disputed on the way: the courier's slot is freed with it.
        var disputed = await Json.ReadAsync(await buyer.Client.PostAsJsonAsync($"/api/orders/{orderId}/dispute", new { reason = "Never arrived." }, Ct));
        Assert.Equal("out-for-delivery", disputed.GetProperty("dispute").GetProperty("from").GetString());
        Assert.Empty(await Couriers.ActiveAsync(courier));
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { pin = "123456" }), HttpStatusCode.Conflict, "invalid-order-transition");
        Assert.Equal(20_000 - 7_777, (await Shop.WalletAsync(buyer)).GetProperty("available").GetInt64());

        using var admin = await TestUsers.AdminAsync(factory);
        var refunded = await Json.ReadAsync(await ResolveAsync(admin, orderId, "refund", "Courier could not show proof."));
        Assert.Equal("cancelled", refunded.GetProperty("status").GetString());
        Assert.Equal(["placed", "processing", "claimed", "picked-up", "out-for-delivery", "disputed", "dispute-resolved", "cancelled"], Couriers.History(refunded));
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal(20_000, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(20_000, wallet.GetProperty("available").GetInt64());
        Assert.Equal(0, wallet.GetProperty("held").GetInt64());
        Assert.Equal(0, (await Shop.WalletAsync(seller)).GetProperty("balance").GetInt64());
        Assert.Equal(0, await _couriers.Shop.LedgerSumAsync("platform", "FEE", orderId));
        var stock = await _couriers.Shop.StockAsync(product);
        Assert.Equal(4, stock.GetProperty("available").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        Assert.Equal(0, stock.GetProperty("sold").GetInt64());
        foreach (var party in new[] { buyer, seller })
        {
            var notes = await Json.ReadAsync(await party.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
            Assert.Contains(notes.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "dispute-resolved");
        }

        await Problems.AssertAsync(await ResolveAsync(admin, orderId, "release", "changed my mind"), HttpStatusCode.Conflict, "invalid-order-transition");
    }

    private async Task<Guid> ShippedBySellerAsync(TestUser buyer, TestUser seller, Guid product)
    {
        var orderId = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
        await Json.ReadAsync(await PostAsync(seller, orderId, "ship"));
        return orderId;
    }

    private static Task<HttpResponseMessage> PostAsync(TestUser user, Guid orderId, string step) =>
        user.Client.PostAsync(new Uri($"/api/orders/{orderId}/{step}", UriKind.Relative), null, Ct);

    private static Task<HttpResponseMessage> ResolveAsync(TestUser admin, Guid orderId, string outcome, string note) =>
        admin.Client.PostAsJsonAsync($"/api/admin/orders/{orderId}/dispute/resolve", new { outcome, note }, Ct);
}
