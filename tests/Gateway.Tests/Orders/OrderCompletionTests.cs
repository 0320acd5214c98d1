using System.Net;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Orders;

/// <summary>The completion reminder, in a silo of its own whose orders complete one second after delivery.</summary>
public sealed class OrderCompletionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delivered_order_completes_by_itself_after_the_delay_and_settles_once()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_ORDER_COMPLETION_DELAY"] = "00:00:01" }, Ct);
        var shop = new Shop(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 10_000, stock: 3);
        using var buyer = await shop.BuyerAsync(20_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var step in new[] { "accept", "ship" })
        {
            await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/{step}", UriKind.Relative), null, Ct));
        }

        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm-delivery", UriKind.Relative), null, Ct));

        var status = "delivered";
        for (var i = 0; i < 150 && status != "completed"; i++)
        {
            await Task.Delay(100, Ct);
            status = (await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct))).GetProperty("status").GetString()!;
        }

        Assert.Equal("completed", status);

        // The buyer completing as well (a race with the reminder) settles nothing twice.
        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct));
        Assert.Equal(9_800, (await Shop.WalletAsync(seller)).GetProperty("available").GetInt64());
        Assert.Equal(10_000, (await Shop.WalletAsync(buyer)).GetProperty("balance").GetInt64());
    }
}
