using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>Shipping through HTTP: zones, serviceability, quotes, and checkout charging exactly the quote.</summary>
public sealed class ShippingApiTests(ShippingMarket market) : IClassFixture<ShippingMarket>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GatewayFactory Factory => market.Factory;

    [Fact]
    public async Task Checkout_charges_exactly_the_quote_and_the_buyer_pays_items_plus_shipping()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Alpha", "XA", weights: [(1_000, 300), (5_000, 700), (null, 1_500)], values: [(2_000, 100)], freeShippingThreshold: 100_000, estimatedDays: 3));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await ProductAsync(seller, price: 700, stock: 10, weightGrams: 800);
        using var buyer = await market.Shop.BuyerAsync(10_000);

        var quote = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/shipping/quote?country=XA&postal_code=1000&product_id={product}&quantity=2", UriKind.Relative), Ct));
        var stale = await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = ShippingMarket.Address("XA", "1000"), expectedTotal = 1_400 }, Guid.NewGuid().ToString()), Ct);
        var placed = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = ShippingMarket.Address("XA", "1000"), expectedTotal = 2_200 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

        // 2 × 800 g = 1 600 g: the 5 000 g bracket (700), and 1 400 of goods is under the 2 000 value bracket (+100).
        Assert.Equal((1_400, 800, 2_200, "USD", 1_600), (quote.GetProperty("itemsTotal").GetInt64(), quote.GetProperty("shippingCharge").GetInt64(), quote.GetProperty("total").GetInt64(), quote.GetProperty("currency").GetString(), quote.GetProperty("weightGrams").GetInt64()));
        Assert.Equal(("Alpha", 3), (quote.GetProperty("zone").GetString(), quote.GetProperty("estimatedDays").GetInt32()));
        var changed = await Problems.AssertAsync(stale, HttpStatusCode.Conflict, "price-changed", "expectedTotal");
        Assert.Equal((2_200, 800), (changed.GetProperty("currentTotal").GetInt64(), changed.GetProperty("shippingCharge").GetInt64()));
        Assert.Equal(quote.GetProperty("shippingCharge").GetInt64(), placed.GetProperty("shippingCharge").GetInt64());
        Assert.Equal(quote.GetProperty("total").GetInt64(), placed.GetProperty("total").GetInt64());
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal((7_800, 2_200), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));

        // Accepted, shipped by the seller, delivered, completed: the seller gets the goods minus the 2% fee plus the
        // shipping they carried, the platform the fee, and the buyer paid exactly goods + shipping.
        var orderId = placed.GetProperty("id").GetGuid();
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/ship", UriKind.Relative), null, Ct));
        await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/orders/{orderId}/deliver", UriKind.Relative), null, Ct));
        var completed = await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct));
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        wallet = await Shop.WalletAsync(buyer);
        Assert.Equal((7_800, 0), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
        Assert.Equal(1_400 - 28 + 800, (await Shop.WalletAsync(seller)).GetProperty("available").GetInt64());
        var audit = await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct));
        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
        CallCycles.AssertNone(Factory);
    }

    [Fact]
    public async Task A_cart_checkout_charges_the_quote_of_the_cart()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Bravo", "XE", weights: [(2_000, 450), (null, 990)]));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var light = await ProductAsync(seller, price: 300, stock: 10, weightGrams: 250);
        var heavy = await ProductAsync(seller, price: 1_200, stock: 10, weightGrams: 1_600);
        using var buyer = await market.Shop.BuyerAsync(10_000);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{light}", new { quantity = 3 }, Ct));
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{heavy}", new { quantity = 1 }, Ct));

        var quote = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/shipping/quote?country=XE&postal_code=42", UriKind.Relative), Ct));
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = ShippingMarket.Address("XE", "42") }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

        // 3 × 250 g + 1 600 g = 2 350 g: past the 2 000 g bracket.
        Assert.Equal((2_100, 990, 3_090, 2_350), (quote.GetProperty("itemsTotal").GetInt64(), quote.GetProperty("shippingCharge").GetInt64(), quote.GetProperty("total").GetInt64(), quote.GetProperty("weightGrams").GetInt64()));
        Assert.Equal((990, 3_090), (order.GetProperty("shippingCharge").GetInt64(), order.GetProperty("total").GetInt64()));
        Assert.Equal(3_090, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task An_unserviceable_address_is_refused_and_nothing_is_held_reserved_or_emptied()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Charlie", "XB", prefixes: ["10"], weights: [(null, 250)]));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await ProductAsync(seller, price: 500, stock: 4, weightGrams: 100);
        using var buyer = await market.Shop.BuyerAsync(5_000);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 2 }, Ct));

        var buyNow = await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, shippingAddress = ShippingMarket.Address("XB", "20000") }, Guid.NewGuid().ToString()), Ct);
        var cart = await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = ShippingMarket.Address("XB", "20000") }, Guid.NewGuid().ToString()), Ct);
        var otherCountry = await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = ShippingMarket.Address("XY", "10000") }, Guid.NewGuid().ToString()), Ct);
        var quote = await buyer.Client.GetAsync(new Uri($"/api/shipping/quote?country=XB&postal_code=20000&product_id={product}&quantity=1", UriKind.Relative), Ct);
        using var anonymous = Factory.CreateClient();
        var no = await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/shipping/serviceability?country=XB&postal_code=20000", UriKind.Relative), Ct));
        var yes = await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/shipping/serviceability?country=xb&postal_code=10%20500", UriKind.Relative), Ct));

        await Problems.AssertAsync(buyNow, HttpStatusCode.UnprocessableEntity, "address-unserviceable", "shippingAddress.postalCode");
        await Problems.AssertAsync(cart, HttpStatusCode.UnprocessableEntity, "address-unserviceable", "shippingAddress.postalCode");
        await Problems.AssertAsync(otherCountry, HttpStatusCode.UnprocessableEntity, "address-unserviceable", "shippingAddress.postalCode");
        await Problems.AssertAsync(quote, HttpStatusCode.UnprocessableEntity, "address-unserviceable", "postal_code");
        Assert.False(no.GetProperty("serviceable").GetBoolean());
        Assert.Equal((true, "Charlie"), (yes.GetProperty("serviceable").GetBoolean(), yes.GetProperty("zone").GetString()));
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal((5_000, 0), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
        var stock = await market.Shop.StockAsync(product);
        Assert.Equal((4, 0), (stock.GetProperty("available").GetInt64(), stock.GetProperty("reserved").GetInt64()));
        var items = (await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct))).GetProperty("items");
        Assert.Equal(2, Assert.Single(items.EnumerateArray()).GetProperty("quantity").GetInt32());
        var orders = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/orders", UriKind.Relative), Ct));
        Assert.Empty(orders.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_order_can_be_readdressed_only_to_where_the_marketplace_ships_and_keeps_its_charge()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("India near", "XI", prefixes: ["11"], weights: [(null, 200)]));
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("India far", "XI", prefixes: ["99"], weights: [(null, 900)]));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await ProductAsync(seller, price: 1_000, stock: 5, weightGrams: 300);
        using var buyer = await market.Shop.BuyerAsync(5_000);
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, shippingAddress = ShippingMarket.Address("XI", "110001") }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();

        var refused = await buyer.Client.PutAsJsonAsync($"/api/orders/{orderId}/shipping-address", ShippingMarket.Address("XI", "500001"), Ct);
        var moved = await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/orders/{orderId}/shipping-address", ShippingMarket.Address("XI", "990001"), Ct));

        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "address-unserviceable", "shippingAddress.postalCode");
        Assert.Equal(("990001", 200, 1_200), (moved.GetProperty("shippingAddress").GetProperty("postalCode").GetString(), moved.GetProperty("shippingCharge").GetInt64(), moved.GetProperty("total").GetInt64()));
        Assert.Equal(1_200, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task The_most_specific_zone_prices_the_parcel()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Delta country", "XC", weights: [(null, 900)]));
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Delta north", "XC", regions: ["North"], weights: [(null, 500)]));
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Delta 56", "XC", prefixes: ["56"], weights: [(null, 300)]));
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Delta 560", "XC", prefixes: ["560"], weights: [(null, 100)], estimatedDays: 1));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await ProductAsync(seller, price: 1_000, stock: 10, weightGrams: 400);
        using var buyer = await market.Shop.BuyerAsync(10_000);

        async Task<(string? Zone, long Charge)> QuoteAsync(string postalCode, string region)
        {
            var quote = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/shipping/quote?country=XC&postal_code={postalCode}&region={region}&product_id={product}&quantity=1", UriKind.Relative), Ct));
            return (quote.GetProperty("zone").GetString(), quote.GetProperty("shippingCharge").GetInt64());
        }

        Assert.Equal(("Delta 560", 100), await QuoteAsync("5601", "North"));
        Assert.Equal(("Delta 56", 300), await QuoteAsync("5699", "North"));
        Assert.Equal(("Delta north", 500), await QuoteAsync("7000", "north"));
        Assert.Equal(("Delta country", 900), await QuoteAsync("7000", "South"));
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, shippingAddress = ShippingMarket.Address("XC", "5601", "North") }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        Assert.Equal((100, 1_100), (order.GetProperty("shippingCharge").GetInt64(), order.GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task An_order_worth_the_free_shipping_threshold_ships_free()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Echo", "XD", weights: [(null, 650)], freeShippingThreshold: 2_000));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await ProductAsync(seller, price: 1_000, stock: 10, weightGrams: 300);
        using var buyer = await market.Shop.BuyerAsync(10_000);

        var one = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, shippingAddress = ShippingMarket.Address("XD", "1") }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var two = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = ShippingMarket.Address("XD", "1") }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

        Assert.Equal((650, 1_650), (one.GetProperty("shippingCharge").GetInt64(), one.GetProperty("total").GetInt64()));
        Assert.Equal((0, 2_000), (two.GetProperty("shippingCharge").GetInt64(), two.GetProperty("total").GetInt64()));
        Assert.Equal(3_650, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task A_parcel_heavier_than_its_zone_carries_is_refused()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Foxtrot", "XF", weights: [(1_000, 200)]));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await ProductAsync(seller, price: 100, stock: 10, weightGrams: 600);
        using var buyer = await market.Shop.BuyerAsync(1_000);

        var quote = await buyer.Client.GetAsync(new Uri($"/api/shipping/quote?country=XF&postal_code=1&product_id={product}&quantity=2", UriKind.Relative), Ct);
        var refused = await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = ShippingMarket.Address("XF", "1") }, Guid.NewGuid().ToString()), Ct);

        Assert.Equal(1_200, (await Problems.AssertAsync(quote, HttpStatusCode.UnprocessableEntity, "parcel-too-heavy", "quantity")).GetProperty("weightGrams").GetInt64());
        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "parcel-too-heavy", "items");
        Assert.Equal(0, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task Admins_create_replace_list_and_delete_zones_and_bad_ones_are_refused_naming_the_field()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        var zone = await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Golf", "xg", prefixes: ["ab 1", "AB-2"], regions: [" Coast "], weights: [(500, 100), (null, 300)], values: [(1_000, 50)], estimatedDays: 4));
        var id = zone.GetProperty("id").GetGuid();

        Assert.Equal("XG", zone.GetProperty("country").GetString());
        Assert.Equal(["AB1", "AB2"], zone.GetProperty("postalPrefixes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Coast", Assert.Single(zone.GetProperty("regions").EnumerateArray()).GetString());
        async Task RefusedAsync(object body, HttpStatusCode status, string code, string field) =>
            await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/shipping/zones", body, Guid.NewGuid().ToString()), Ct), status, code, field);
        await RefusedAsync(new { name = "x", country = "XG" }, HttpStatusCode.BadRequest, "validation-failed", "weightRates");
        await RefusedAsync(ShippingMarket.ZoneBody("", "XG"), HttpStatusCode.BadRequest, "validation-failed", "name");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XGG"), HttpStatusCode.BadRequest, "validation-failed", "country");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", weights: [(1_000, 1), (900, 2)]), HttpStatusCode.BadRequest, "validation-failed", "weightRates[1].upToGrams");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", weights: [(null, 1), (900, 2)]), HttpStatusCode.BadRequest, "validation-failed", "weightRates[0].upToGrams");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", weights: [(0, 1)]), HttpStatusCode.BadRequest, "validation-failed", "weightRates[0].upToGrams");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", weights: [(null, -1)]), HttpStatusCode.BadRequest, "validation-failed", "weightRates[0].amount");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", values: [(100, 1), (100, 2)]), HttpStatusCode.BadRequest, "validation-failed", "valueRates[1].upToValue");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", prefixes: ["12", "1-2"]), HttpStatusCode.BadRequest, "validation-failed", "postalPrefixes[1]");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", prefixes: ["12/3"]), HttpStatusCode.BadRequest, "validation-failed", "postalPrefixes[0]");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", regions: ["a", "A"]), HttpStatusCode.BadRequest, "validation-failed", "regions[1]");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", freeShippingThreshold: 0), HttpStatusCode.BadRequest, "validation-failed", "freeShippingThreshold");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", estimatedDays: 0), HttpStatusCode.BadRequest, "validation-failed", "estimatedDays");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", prefixes: ["ab1"]), HttpStatusCode.Conflict, "shipping-zone-conflict", "postalPrefixes");
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG", regions: ["COAST"]), HttpStatusCode.Conflict, "shipping-zone-conflict", "regions");
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Golf country", "XG"));
        await RefusedAsync(ShippingMarket.ZoneBody("x", "XG"), HttpStatusCode.Conflict, "shipping-zone-conflict", "country");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/shipping/zones", ShippingMarket.ZoneBody("x", "XH"), Ct), HttpStatusCode.BadRequest, "idempotency-key-required", "Idempotency-Key");

        var replaced = await Json.ReadAsync(await admin.Client.PutAsJsonAsync($"/api/admin/shipping/zones/{id}", ShippingMarket.ZoneBody("Golf 2", "XG", prefixes: ["AB3"], weights: [(null, 800)]), Ct));
        await Problems.AssertAsync(await admin.Client.PutAsJsonAsync($"/api/admin/shipping/zones/{Guid.NewGuid()}", ShippingMarket.ZoneBody("x", "XH"), Ct), HttpStatusCode.NotFound, "shipping-zone-not-found");
        await Problems.AssertAsync(await admin.Client.PutAsJsonAsync($"/api/admin/shipping/zones/{id}", ShippingMarket.ZoneBody("x", "XG", weights: [(null, 1)], values: [(null, 1), (null, 2)]), Ct), HttpStatusCode.BadRequest, "validation-failed", "valueRates[0].upToValue");
        var listed = (await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/shipping/zones", UriKind.Relative), Ct))).EnumerateArray().Single(z => z.GetProperty("id").GetGuid() == id);

        Assert.Equal(("Golf 2", 800), (replaced.GetProperty("name").GetString(), replaced.GetProperty("weightRates")[0].GetProperty("amount").GetInt64()));
        Assert.Equal(JsonSerializer.Serialize(replaced), JsonSerializer.Serialize(listed));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/shipping/zones/{id}", UriKind.Relative), Ct)).StatusCode);
        await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/shipping/zones/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "shipping-zone-not-found");
        var remaining = await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/shipping/zones", UriKind.Relative), Ct));
        Assert.DoesNotContain(remaining.EnumerateArray(), z => z.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Quote_and_serviceability_name_the_missing_or_bad_field()
    {
        using var buyer = await market.Shop.BuyerAsync(0);
        using var anonymous = Factory.CreateClient();

        async Task BadAsync(HttpClient client, string query, HttpStatusCode status, string code, string? field) =>
            await Problems.AssertAsync(await client.GetAsync(new Uri(query, UriKind.Relative), Ct), status, code, field);
        await BadAsync(anonymous, "/api/shipping/serviceability?postal_code=1", HttpStatusCode.BadRequest, "validation-failed", "country");
        await BadAsync(anonymous, "/api/shipping/serviceability?country=XQ", HttpStatusCode.BadRequest, "validation-failed", "postal_code");
        await BadAsync(anonymous, $"/api/shipping/serviceability?country=XQ&postal_code=1&region={new string('r', 101)}", HttpStatusCode.BadRequest, "validation-failed", "region");
        await BadAsync(anonymous, "/api/shipping/quote?country=XQ&postal_code=1", HttpStatusCode.Unauthorized, "unauthenticated", null);
        await BadAsync(buyer.Client, "/api/shipping/quote?country=X1&postal_code=1", HttpStatusCode.BadRequest, "validation-failed", "country");
        await BadAsync(buyer.Client, "/api/shipping/quote?country=XQ&postal_code=1&quantity=1", HttpStatusCode.BadRequest, "validation-failed", "product_id");
        await BadAsync(buyer.Client, $"/api/shipping/quote?country=XQ&postal_code=1&product_id={Guid.NewGuid()}", HttpStatusCode.BadRequest, "validation-failed", "quantity");
        await BadAsync(buyer.Client, $"/api/shipping/quote?country=XQ&postal_code=1&product_id={Guid.NewGuid()}&quantity=abc", HttpStatusCode.BadRequest, "validation-failed", "quantity");
        await BadAsync(buyer.Client, $"/api/shipping/quote?country=XQ&postal_code=1&product_id={Guid.NewGuid()}&quantity=0", HttpStatusCode.BadRequest, "validation-failed", "quantity");
        await BadAsync(buyer.Client, "/api/shipping/quote?country=XQ&postal_code=1&product_id=nope&quantity=1", HttpStatusCode.BadRequest, "validation-failed", "product_id");
        await BadAsync(buyer.Client, $"/api/shipping/quote?country=XQ&postal_code=1&product_id={Guid.NewGuid()}&quantity=1", HttpStatusCode.NotFound, "product-not-found", "product_id");
        await BadAsync(buyer.Client, "/api/shipping/quote?country=XQ&postal_code=1", HttpStatusCode.Conflict, "cart-empty", null);
    }

    [Fact]
    public async Task A_product_has_a_weight_of_its_own_or_the_default_and_a_bad_one_is_refused()
    {
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var category = await market.Shop.CategoryAsync();
        var body = new { title = CatalogSeed.UniqueName("weighed"), description = "d", categoryId = category, price = 100, stock = 1 };

        var unweighed = await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Created);
        var weighed = await ProductAsync(seller, price: 100, stock: 1, weightGrams: 1_234);
        var patched = await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{weighed}", new { weightGrams = 2_500 }, Ct));
        var found = await Json.ReadAsync(await seller.Client.GetAsync(new Uri($"/api/products?seller_id={seller.Id}", UriKind.Relative), Ct));

        Assert.Equal(500, unweighed.GetProperty("weightGrams").GetInt32());
        Assert.Equal(2_500, patched.GetProperty("weightGrams").GetInt32());
        Assert.Equal(2_500, found.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == weighed).GetProperty("weightGrams").GetInt32());
        foreach (var weight in new[] { 0, -1, 1_000_001 })
        {
            await Problems.AssertAsync(await seller.Client.PostAsJsonAsync("/api/products", new { body.title, body.description, body.categoryId, body.price, body.stock, weightGrams = weight }, Ct), HttpStatusCode.BadRequest, "validation-failed", "weightGrams");
            await Problems.AssertAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{weighed}", new { weightGrams = weight }, Ct), HttpStatusCode.BadRequest, "validation-failed", "weightGrams");
        }
    }

    private async Task<Guid> ProductAsync(TestUser seller, long price, long stock, int weightGrams)
    {
        var body = new { title = CatalogSeed.UniqueName("parcel"), description = "Ships by weight.", categoryId = await market.Shop.CategoryAsync(), price, stock, weightGrams };
        var created = await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Created);
        Assert.Equal(weightGrams, created.GetProperty("weightGrams").GetInt32());
        return created.GetProperty("id").GetGuid();
    }
}
