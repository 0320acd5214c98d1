using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>Couriers, orders ready for pickup and the courier's steps through the public API.</summary>
public sealed class Couriers(GatewayFactory factory)
{
    public const string Phone = "+15551234567";

    public const string Street = "7 Private Lane";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Shop Shop { get; } = new(factory);

    /// <summary>An address in <paramref name="region"/> with a phone and, if given, a position.</summary>
    public static object Address(string region, string postalCode = "62701", double? latitude = 39.78, double? longitude = -89.65) =>
        new { line1 = Street, city = "Springfield", region, postalCode, country = "US", phone = Phone, latitude, longitude };

    /// <summary>A new courier (made by the admin) whose area is <paramref name="region"/> and who stands at the given position.</summary>
    public async Task<TestUser> CourierAsync(string? region, double latitude = 39.78, double longitude = -89.65, string? postalCodePrefix = null)
    {
        var courier = await TestUsers.CreateAsync(factory, "courier");
        if (region is not null || postalCodePrefix is not null)
        {
            await Json.ReadAsync(await courier.Client.PutAsJsonAsync("/api/delivery/me/area", new { region, postalCodePrefix, latitude, longitude }, Ct));
        }

        return courier;
    }

    /// <summary>A seller with a product of <paramref name="price"/> and <paramref name="stock"/> units.</summary>
    public async Task<(TestUser Seller, Guid ProductId)> SellerAsync(long price = 10_000, long stock = 20)
    {
        var seller = await TestUsers.CreateAsync(factory, "seller");
        return (seller, await CatalogSeed.ProductIdAsync(seller, await Shop.CategoryAsync(), price: price, stock: stock));
    }

    /// <summary>A buy-now of one unit shipped to <paramref name="address"/>, accepted by the seller: ready for pickup.</summary>
    public async Task<Guid> ReadyOrderAsync(TestUser buyer, TestUser seller, Guid productId, object address)
    {
        var placed = await Json.ReadAsync(
            await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 1, shippingAddress = address }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created);
        var orderId = placed.GetProperty("id").GetGuid();
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));
        await Confirmations.OrderAsync(factory, orderId);
        return orderId;
    }

    public static Task<HttpResponseMessage> StepAsync(TestUser courier, Guid orderId, string step) =>
        courier.Client.SendAsync(Shop.Post($"/api/delivery/orders/{orderId}/{step}", new { }, Guid.NewGuid().ToString()), Ct);

    public static Task<HttpResponseMessage> ProveAsync(TestUser courier, Guid orderId, object proof) =>
        courier.Client.PostAsJsonAsync($"/api/delivery/orders/{orderId}/proof", proof, Ct);

    public static async Task<JsonElement> OrderAsync(TestUser user, Guid orderId) =>
        await Json.ReadAsync(await user.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));

    public static async Task<JsonElement> ProofAsync(TestUser buyer, Guid orderId) =>
        await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}/proof", UriKind.Relative), Ct));

    /// <summary>The courier's active orders, as their grain holds them.</summary>
    public static async Task<Guid[]> ActiveAsync(TestUser courier) =>
        [.. (await Json.ReadAsync(await courier.Client.GetAsync(new Uri("/api/delivery/me", UriKind.Relative), Ct))).GetProperty("active").EnumerateArray().Select(e => e.GetGuid())];

    public static string[] History(JsonElement order) => [.. order.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()!)];
}
