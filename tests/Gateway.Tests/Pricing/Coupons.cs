using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Pricing;

/// <summary>Coupons through the public API: create one, check out with one, read its count.</summary>
public static class Coupons
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A code of this test's own, in lower case (codes are compared in upper case).</summary>
    public static string NewCode() => $"t{Guid.NewGuid():N}"[..20];

    /// <summary>Creates a coupon as <paramref name="owner"/>: an admin's is the platform's, a seller's their own.</summary>
    public static async Task<JsonElement> CreateAsync(TestUser owner, object body, bool platform = true) =>
        await Json.ReadAsync(await owner.Client.SendAsync(Shop.Post(platform ? "/api/admin/coupons" : "/api/seller/coupons", body, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

    public static async Task<HttpResponseMessage> BuyNowAsync(TestUser buyer, Guid productId, int quantity, string? couponCode, string? key = null) =>
        await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity, shippingAddress = Shop.Address, couponCode }, key ?? Guid.NewGuid().ToString()), Ct);

    public static async Task<HttpResponseMessage> CheckoutAsync(TestUser buyer, string? couponCode, long? expectedTotal = null, string? key = null) =>
        await buyer.Client.SendAsync(Shop.Post("/api/checkout", new { shippingAddress = Shop.Address, couponCode, expectedTotal }, key ?? Guid.NewGuid().ToString()), Ct);

    /// <summary>How many orders use the coupon, from its grain (through GET /api/coupons/{code}).</summary>
    public static async Task<int> UsedAsync(TestUser anyone, string code) =>
        (await Json.ReadAsync(await anyone.Client.GetAsync(new Uri($"/api/coupons/{code}", UriKind.Relative), Ct))).GetProperty("used").GetInt32();
}
