using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Orders;

public sealed class CartTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cart_shows_current_prices_and_availability_and_refuses_more_than_is_available()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 1_250, stock: 3);
        using var buyer = await _shop.BuyerAsync(0);

        var cart = await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 2 }, Ct));
        var tooMany = await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 4 }, Ct);

        var item = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(1_250, item.GetProperty("unitPrice").GetInt64());
        Assert.Equal(2_500, item.GetProperty("lineTotal").GetInt64());
        Assert.Equal(3, item.GetProperty("available").GetInt64());
        Assert.Equal(2_500, cart.GetProperty("total").GetInt64());
        Assert.Equal("USD", cart.GetProperty("currency").GetString());
        var problem = await Problems.AssertAsync(tooMany, HttpStatusCode.Conflict, "insufficient-stock", "quantity");
        Assert.Equal(3, problem.GetProperty("available").GetInt64());

        // A price change shows at once: the cart never keeps prices.
        await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{product}", new { price = 999 }, Ct));
        var repriced = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Equal(1_998, repriced.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Lines_are_removed_by_quantity_zero_by_delete_and_all_at_once()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await _shop.CategoryAsync();
        var a = await CatalogSeed.ProductIdAsync(seller, category);
        var b = await CatalogSeed.ProductIdAsync(seller, category);
        var c = await CatalogSeed.ProductIdAsync(seller, category);
        using var buyer = await _shop.BuyerAsync(0);
        foreach (var product in new[] { a, b, c })
        {
            await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 1 }, Ct));
        }

        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{a}", new { quantity = 0 }, Ct));
        var afterDelete = await Json.ReadAsync(await buyer.Client.DeleteAsync(new Uri($"/api/cart/items/{b}", UriKind.Relative), Ct));
        Assert.Equal([c], afterDelete.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("productId").GetGuid()));

        var cleared = await Json.ReadAsync(await buyer.Client.DeleteAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Empty(cleared.GetProperty("items").EnumerateArray());
        Assert.Equal(0, cleared.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Bad_cart_input_is_refused_naming_the_field()
    {
        using var buyer = await _shop.BuyerAsync(0);

        await Problems.AssertAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{Guid.NewGuid()}", new { quantity = -1 }, Ct), HttpStatusCode.BadRequest, "validation-failed", "quantity");
        await Problems.AssertAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{Guid.NewGuid()}", new { quantity = 1 }, Ct), HttpStatusCode.NotFound, "product-not-found", "productId");
    }

    [Fact]
    public async Task The_cart_is_for_signed_in_buyers_only()
    {
        using var anonymous = factory.CreateClient();
        using var seller = await TestUsers.CreateAsync(factory, "seller");

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await seller.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
    }
}
