using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Orders;

/// <summary>Issue #22, item 9: in an order with several sellers, each seller sees their own lines, total and steps only.</summary>
public sealed class SellerViewTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_seller_of_a_two_seller_order_sees_only_their_lines_and_their_total()
    {
        var category = await _shop.CategoryAsync();
        using var first = await TestUsers.CreateAsync(factory, "seller");
        using var second = await TestUsers.CreateAsync(factory, "seller");
        var firstProduct = await CatalogSeed.ProductIdAsync(first, category, price: 1_200, stock: 10);
        var secondProduct = await CatalogSeed.ProductIdAsync(second, category, price: 700, stock: 10);
        using var buyer = await _shop.BuyerAsync(100_000);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{firstProduct}", new { quantity = 2 }, Ct));
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{secondProduct}", new { quantity = 3 }, Ct));
        var orderId = (await Json.ReadAsync(await Shop.CheckoutAsync(buyer), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Json.ReadAsync(await first.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));
        await Confirmations.OrderAsync(factory, orderId);

        foreach (var (seller, product, total, count) in new[] { (first, firstProduct, 2_400L, 2), (second, secondProduct, 2_100L, 3) })
        {
            var order = await Json.ReadAsync(await seller.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
            Assert.Equal(product, Assert.Single(order.GetProperty("items").EnumerateArray()).GetProperty("productId").GetGuid());
            Assert.Equal(total, order.GetProperty("total").GetInt64());
            // Only the first seller accepted: each sees their own step, never the other's.
            Assert.Equal(seller == first ? [seller.Id.ToString()] : [], order.GetProperty("fulfilment").EnumerateObject().Select(p => p.Name));

            var list = await Json.ReadAsync(await seller.Client.GetAsync(new Uri("/api/seller/orders?limit=100", UriKind.Relative), Ct));
            var summary = Assert.Single(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == orderId);
            Assert.Equal(total, summary.GetProperty("total").GetInt64());
            Assert.Equal(count, summary.GetProperty("itemCount").GetInt32());
        }

        // The buyer sees the whole order.
        var whole = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
        Assert.Equal(2, whole.GetProperty("items").GetArrayLength());
        Assert.Equal(4_500, whole.GetProperty("total").GetInt64());
        Assert.Equal([first.Id.ToString()], whole.GetProperty("fulfilment").EnumerateObject().Select(p => p.Name));
    }
}
