using System.Net;
using System.Net.Http.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Delivery;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Addresses;

/// <summary>Checkout, quotes and couriers with a saved address: the order keeps a copy, and exactly one address is given.</summary>
public sealed class CheckoutByAddressTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_keeps_the_saved_address_as_it_was_when_bought()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 500, stock: 5);
        using var buyer = await _shop.BuyerAsync(10_000);
        var addressId = (await AddressSeed.SaveAsync(buyer, AddressSeed.Home())).GetProperty("id").GetGuid();

        var bought = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, addressId }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 2 }, Ct));
        var checkedOut = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { addressId }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

        var moved = AddressSeed.Home();
        (moved["line1"], moved["city"], moved["latitude"], moved["longitude"]) = ("1 New Road", "Shelbyville", 40.0, -88.0);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/me/addresses/{addressId}", moved, Ct));

        foreach (var placed in new[] { bought, checkedOut })
        {
            var order = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{placed.GetProperty("id").GetGuid()}", UriKind.Relative), Ct));
            var address = order.GetProperty("shippingAddress");
            Assert.Equal(
                ("12 Elm Street", "Springfield", "IL", "62704", "US", "+12175550100", 39.7817, -89.6501),
                (address.GetProperty("line1").GetString(), address.GetProperty("city").GetString(), address.GetProperty("region").GetString(), address.GetProperty("postalCode").GetString(),
                 address.GetProperty("country").GetString(), address.GetProperty("phone").GetString(), address.GetProperty("latitude").GetDouble(), address.GetProperty("longitude").GetDouble()));
        }

        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal((8_500, 1_500), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
    }

    [Fact]
    public async Task Checkout_takes_exactly_one_of_an_address_id_and_an_address_and_changes_nothing_otherwise()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 500, stock: 5);
        using var buyer = await _shop.BuyerAsync(10_000);
        using var other = await TestUsers.CreateAsync(factory, "buyer");
        var mine = (await AddressSeed.SaveAsync(buyer, AddressSeed.Home())).GetProperty("id").GetGuid();
        var theirs = (await AddressSeed.SaveAsync(other, AddressSeed.Home())).GetProperty("id").GetGuid();
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 1 }, Ct));

        await Problems.AssertAsync(await Checkout(buyer, new { productId = product, quantity = 1, addressId = mine, shippingAddress = Shop.Address }), HttpStatusCode.BadRequest, ErrorCodes.Validation, "addressId");
        await Problems.AssertAsync(await Checkout(buyer, new { productId = product, quantity = 1 }), HttpStatusCode.BadRequest, ErrorCodes.Validation, "shippingAddress");
        await Problems.AssertAsync(await Checkout(buyer, new { productId = product, quantity = 1, addressId = theirs }), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound, "addressId");
        await Problems.AssertAsync(await Checkout(buyer, new { addressId = mine, shippingAddress = Shop.Address }, "/api/checkout"), HttpStatusCode.BadRequest, ErrorCodes.Validation, "addressId");
        await Problems.AssertAsync(await Checkout(buyer, new { expectedTotal = 500 }, "/api/checkout"), HttpStatusCode.BadRequest, ErrorCodes.Validation, "shippingAddress");
        await Problems.AssertAsync(await Checkout(buyer, new { addressId = Guid.NewGuid() }, "/api/checkout"), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound, "addressId");

        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal((10_000, 0), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
        var cart = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Single(cart.GetProperty("items").EnumerateArray());
        var orders = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/orders", UriKind.Relative), Ct));
        Assert.Empty(orders.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_quote_and_the_serviceability_take_a_saved_address_of_the_caller_only()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 700, stock: 5);
        using var buyer = await _shop.BuyerAsync(0);
        using var other = await TestUsers.CreateAsync(factory, "buyer");
        using var anonymous = factory.CreateClient();
        var mine = (await AddressSeed.SaveAsync(buyer, AddressSeed.Home())).GetProperty("id").GetGuid();
        var theirs = (await AddressSeed.SaveAsync(other, AddressSeed.Home())).GetProperty("id").GetGuid();

        // The shared marketplace has no shipping zones: everything ships, at no charge.
        var quote = await Json.ReadAsync(await Get(buyer.Client, $"/api/shipping/quote?address_id={mine}&product_id={product}&quantity=2"));
        var serviceable = await Json.ReadAsync(await Get(buyer.Client, $"/api/shipping/serviceability?address_id={mine}"));

        Assert.Equal((1_400, 0, 1_400), (quote.GetProperty("itemsTotal").GetInt64(), quote.GetProperty("shippingCharge").GetInt64(), quote.GetProperty("total").GetInt64()));
        Assert.True(serviceable.GetProperty("serviceable").GetBoolean());
        await Problems.AssertAsync(await Get(buyer.Client, $"/api/shipping/quote?address_id={theirs}&product_id={product}&quantity=1"), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound, "address_id");
        await Problems.AssertAsync(await Get(buyer.Client, $"/api/shipping/serviceability?address_id={theirs}"), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound, "address_id");
        await Problems.AssertAsync(await Get(buyer.Client, $"/api/shipping/quote?address_id={mine}&country=US&postal_code=62704&product_id={product}&quantity=1"), HttpStatusCode.BadRequest, ErrorCodes.Validation, "address_id");
        await Problems.AssertAsync(await Get(buyer.Client, $"/api/shipping/quote?product_id={product}&quantity=1"), HttpStatusCode.BadRequest, ErrorCodes.Validation, "country");
        await Problems.AssertAsync(await Get(buyer.Client, "/api/shipping/serviceability?address_id=home"), HttpStatusCode.BadRequest, ErrorCodes.Validation, "address_id");
        await Problems.AssertAsync(await Get(anonymous, $"/api/shipping/serviceability?address_id={mine}"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated, "address_id");
    }

    [Fact]
    public async Task Couriers_find_the_buyer_where_the_chosen_address_was_at_checkout()
    {
        var couriers = new Couriers(factory);
        var (seller, product) = await couriers.SellerAsync();
        using var _ = seller;
        using var buyer = await _shop.BuyerAsync(100_000);
        var region = $"R-{Guid.NewGuid():N}";
        var saved = AddressSeed.Home();
        (saved["region"], saved["latitude"], saved["longitude"]) = (region, 40.01, -75.0);
        var addressId = (await AddressSeed.SaveAsync(buyer, saved)).GetProperty("id").GetGuid();
        var placed = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, addressId }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = placed.GetProperty("id").GetGuid();
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));
        await Confirmations.OrderAsync(factory, orderId);
        (saved["latitude"], saved["longitude"]) = (10.0, 10.0);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/me/addresses/{addressId}", saved, Ct));

        using var courier = await couriers.CourierAsync(region, 40.0, -75.0);
        var available = await Json.ReadAsync(await Get(courier.Client, "/api/delivery/orders/available"));

        // 0.01° of latitude is about 1.11 km: the position saved at checkout, not the one edited since.
        var order = Assert.Single(available.GetProperty("items").EnumerateArray());
        Assert.Equal(orderId, order.GetProperty("id").GetGuid());
        Assert.InRange(order.GetProperty("distanceMeters").GetInt64(), 1_110, 1_115);
    }

    private static Task<HttpResponseMessage> Checkout(TestUser buyer, object body, string path = "/api/checkout/buy-now") =>
        buyer.Client.SendAsync(Shop.Post(path, body, Guid.NewGuid().ToString()), Ct);

    private static Task<HttpResponseMessage> Get(HttpClient client, string path) => client.GetAsync(new Uri(path, UriKind.Relative), Ct);
}
