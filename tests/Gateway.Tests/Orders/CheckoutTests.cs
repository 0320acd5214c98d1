using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Orders;

public sealed class CheckoutTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkout_reserves_the_stock_holds_the_money_creates_the_order_and_empties_the_cart()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await _shop.CategoryAsync();
        var a = await CatalogSeed.ProductIdAsync(seller, category, price: 700, stock: 5);
        var b = await CatalogSeed.ProductIdAsync(seller, category, price: 150, stock: 2);
        using var buyer = await _shop.BuyerAsync(10_000);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{a}", new { quantity = 3 }, Ct));
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{b}", new { quantity = 2 }, Ct));

        var order = await Json.ReadAsync(await Shop.CheckoutAsync(buyer), HttpStatusCode.Created);

        Assert.Equal("placed", order.GetProperty("status").GetString());
        Assert.Equal(2_400, order.GetProperty("total").GetInt64());
        Assert.Equal("USD", order.GetProperty("currency").GetString());
        var lines = order.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("productId").GetGuid());
        Assert.Equal(700, lines[a].GetProperty("unitPrice").GetInt64());
        Assert.Equal(seller.Id, lines[a].GetProperty("sellerId").GetGuid());
        Assert.Equal(2, lines[b].GetProperty("quantity").GetInt32());
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal(7_600, wallet.GetProperty("available").GetInt64());
        Assert.Equal(2_400, wallet.GetProperty("held").GetInt64());
        var stockA = await _shop.StockAsync(a);
        Assert.Equal(2, stockA.GetProperty("available").GetInt64());
        Assert.Equal(3, stockA.GetProperty("reserved").GetInt64());
        Assert.True(stockA.GetProperty("conserved").GetBoolean());
        var cart = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Empty(cart.GetProperty("items").EnumerateArray());

        // The price is a snapshot: a later change does not touch the order.
        await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{a}", new { price = 1 }, Ct));
        var again = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{order.GetProperty("id").GetGuid()}", UriKind.Relative), Ct));
        Assert.Equal(2_400, again.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Without_enough_money_nothing_changes_anywhere()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 900, stock: 5);
        using var buyer = await _shop.BuyerAsync(1_000);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 2 }, Ct));

        var refused = await Shop.CheckoutAsync(buyer);

        var problem = await Problems.AssertAsync(refused, HttpStatusCode.Conflict, "insufficient-funds");
        Assert.Equal(800, problem.GetProperty("missing").GetInt64());
        Assert.Equal(1_000, (await Shop.WalletAsync(buyer)).GetProperty("available").GetInt64());
        Assert.Equal(0, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
        var stock = await _shop.StockAsync(product);
        Assert.Equal(5, stock.GetProperty("available").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        var cart = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Equal(2, Assert.Single(cart.GetProperty("items").EnumerateArray()).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Buying_more_than_is_in_stock_names_the_product_and_what_is_available()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 100, stock: 2);
        using var buyer = await _shop.BuyerAsync(10_000);

        var problem = await Problems.AssertAsync(await Shop.BuyNowAsync(buyer, product, 3), HttpStatusCode.Conflict, "insufficient-stock", "productId");

        Assert.Equal(2, problem.GetProperty("available").GetInt64());
        Assert.Contains(product.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(10_000, (await Shop.WalletAsync(buyer)).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task A_retried_checkout_returns_the_same_order_and_charges_once()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 400, stock: 10);
        using var buyer = await _shop.BuyerAsync(5_000);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Shop.BuyNowAsync(buyer, product, 2, key)));
        var retried = await Shop.BuyNowAsync(buyer, product, 2, key);

        var orderIds = new HashSet<Guid>();
        foreach (var response in responses.Append(retried).Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            orderIds.Add((await Json.ReadAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        Assert.Single(orderIds);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(800, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
        Assert.Equal(2, (await _shop.StockAsync(product)).GetProperty("reserved").GetInt64());
    }

    [Fact]
    public async Task Concurrent_placements_of_one_order_id_reserve_and_hold_once()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 300, stock: 10);
        using var buyer = await _shop.BuyerAsync(5_000);
        var grains = factory.Services.GetRequiredService<Orleans.IGrainFactory>();
        var order = grains.GetGrain<GrainMarket.Orders.IOrderGrain>(Guid.NewGuid());
        var command = new GrainMarket.Orders.PlaceOrder(buyer.Id, [new GrainMarket.Orders.CartLine(product, 2)], new GrainMarket.Orders.ShippingAddress("1 Way", "Town", "", "1000", "NL"));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => order.PlaceAsync(command)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Detail));
        Assert.Single(results.Select(r => r.Value!.CreatedAt).Distinct());
        Assert.Equal(600, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
        Assert.Equal(2, (await _shop.StockAsync(product)).GetProperty("reserved").GetInt64());
    }

    [Fact]
    public async Task A_seller_cannot_buy_their_own_product()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller", "buyer");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync());
        var pair = await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/me/active-role", new { role = "buyer" }, Ct));
        seller.Client.DefaultRequestHeaders.Authorization = new("Bearer", pair.GetProperty("accessToken").GetString());

        await Problems.AssertAsync(await Shop.BuyNowAsync(seller, product, 1), HttpStatusCode.Conflict, "cannot-buy-own-product", "productId");
    }

    [Fact]
    public async Task Checkout_needs_an_address_an_idempotency_key_and_a_buyer()
    {
        using var buyer = await _shop.BuyerAsync(0);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = new { line1 = "x", city = "y", postalCode = "1", country = "USA" } }, "k1"), Ct), HttpStatusCode.BadRequest, "validation-failed", "shippingAddress.country");
        await Problems.AssertAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = Shop.Address }, null), Ct), HttpStatusCode.BadRequest, "idempotency-key-required");
        await Problems.AssertAsync(await Shop.CheckoutAsync(buyer), HttpStatusCode.Conflict, "cart-empty");
        await Problems.AssertAsync(await seller.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = Shop.Address }, "k2"), Ct), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await anonymous.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = Shop.Address }, "k3"), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Sixty_four_buyers_racing_for_ten_units_make_exactly_ten_orders()
    {
        const int Buyers = 64;
        const int Stock = 10;
        const long Price = 250;
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: Price, stock: Stock);
        var buyers = await Task.WhenAll(Enumerable.Range(0, Buyers).Select(_ => _shop.BuyerAsync(1_000)));

        var responses = await Task.WhenAll(buyers.Select(b => Shop.BuyNowAsync(b, product, 1)));

        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Problems.AssertAsync(refused, HttpStatusCode.Conflict, "insufficient-stock", "productId");
        }

        Assert.Equal(Stock, created);
        var stock = await _shop.StockAsync(product);
        Assert.Equal(0, stock.GetProperty("available").GetInt64());
        Assert.Equal(Stock, stock.GetProperty("reserved").GetInt64());
        var wallets = await Task.WhenAll(buyers.Select(Shop.WalletAsync));
        Assert.Equal(Stock * Price, wallets.Sum(w => w.GetProperty("held").GetInt64()));
        Assert.Equal(Buyers * 1_000L, wallets.Sum(w => w.GetProperty("balance").GetInt64()));
        foreach (var buyer in buyers)
        {
            buyer.Dispose();
        }
    }

    [Fact]
    public async Task An_order_whose_hold_and_reservation_were_already_released_is_not_placed_again_without_them()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 600, stock: 5);
        using var buyer = await _shop.BuyerAsync(10_000);
        var grains = factory.Services.GetRequiredService<Orleans.IGrainFactory>();
        var orderId = Guid.NewGuid();
        var stock = grains.GetGrain<GrainMarket.Inventory.IProductStockGrain>(product);
        var wallet = grains.GetGrain<GrainMarket.Wallets.IWalletGrain>(GrainMarket.Wallets.WalletKeys.ForUser(buyer.Id));

        // The order's reservation and hold exist, resolved (as a placement and a cancellation leave them), but the order does not.
        Assert.True((await stock.ReserveAsync(GrainMarket.Orders.OrderIds.Reservation(orderId), 1)).Succeeded);
        Assert.True((await stock.ReleaseReservationAsync(GrainMarket.Orders.OrderIds.Reservation(orderId))).Succeeded);
        Assert.True((await wallet.HoldAsync(GrainMarket.Orders.OrderIds.Hold(orderId), 600, GrainMarket.Orders.OrderIds.Reference(orderId), null)).Succeeded);
        Assert.True((await wallet.ReleaseAsync(GrainMarket.Orders.OrderIds.Hold(orderId))).Succeeded);

        var placed = await grains.GetGrain<GrainMarket.Orders.IOrderGrain>(orderId).PlaceAsync(
            new GrainMarket.Orders.PlaceOrder(buyer.Id, [new GrainMarket.Orders.CartLine(product, 1)], new GrainMarket.Orders.ShippingAddress("1 Market Street", "Springfield", "IL", "62701", "US")));

        // Refused: a placed order must have its money held and its units reserved, and these could not be again.
        Assert.Equal("order-already-resolved", placed.Error?.Code);
        Assert.Null(await grains.GetGrain<GrainMarket.Orders.IOrderGrain>(orderId).GetAsync());
        Assert.Equal(new GrainMarket.Wallets.WalletBalance(10_000, 0), await wallet.GetBalanceAsync());
        Assert.Equal(0, (await _shop.StockAsync(product)).GetProperty("reserved").GetInt64());
    }
}
