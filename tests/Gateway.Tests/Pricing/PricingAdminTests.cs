using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Pricing;

/// <summary>Who manages which coupons, the coupon lists, sale events and seller discounts through their lifecycles.</summary>
public sealed class PricingAdminTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_lists_and_changes_only_their_own_coupons_and_a_code_is_taken_once_whatever_its_case()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var other = await TestUsers.CreateAsync(factory, "seller");
        var first = Coupons.NewCode();
        var second = Coupons.NewCode();
        await Coupons.CreateAsync(seller, new { code = first, amountOff = 100 }, platform: false);
        await Coupons.CreateAsync(seller, new { code = second, percentOff = 5, maxDiscount = 200 }, platform: false);
        await Coupons.CreateAsync(other, new { code = Coupons.NewCode(), amountOff = 100 }, platform: false);

        await Problems.AssertAsync(await other.Client.SendAsync(Shop.Post("/api/seller/coupons", new { code = first.ToUpperInvariant(), amountOff = 1 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, "coupon-code-taken", "code");
        await Problems.AssertAsync(await other.Client.PatchAsJsonAsync($"/api/seller/coupons/{first}", new { active = false }, Ct), HttpStatusCode.NotFound, "coupon-not-found");
        var changed = await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/seller/coupons/{first}", new { active = false, endsAt = DateTimeOffset.UtcNow.AddDays(30), totalLimit = 7 }, Ct));
        Assert.Equal((false, 7), (changed.GetProperty("active").GetBoolean(), changed.GetProperty("totalLimit").GetInt32()));

        await Confirmations.CouponAsync(factory, first);
        await Confirmations.CouponAsync(factory, second);
        var page = await Json.ReadAsync(await seller.Client.GetAsync(new Uri("/api/seller/coupons?limit=1", UriKind.Relative), Ct));
        var rest = await Json.ReadAsync(await seller.Client.GetAsync(new Uri($"/api/seller/coupons?limit=1&cursor={page.GetProperty("next").GetString()}", UriKind.Relative), Ct));

        var listed = page.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(new[] { first, second }.Select(c => c.ToUpperInvariant()).Order(StringComparer.Ordinal), listed.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        var row = listed.Single(c => string.Equals(c.GetProperty("code").GetString(), first, StringComparison.OrdinalIgnoreCase));
        Assert.Equal((false, 7, seller.Id, "seller"), (row.GetProperty("active").GetBoolean(), row.GetProperty("totalLimit").GetInt32(), row.GetProperty("sellerId").GetGuid(), row.GetProperty("fundedBy").GetString()));
    }

    [Fact]
    public async Task A_sale_event_prices_its_categorys_products_only_while_it_runs_and_a_removed_discount_stops_at_once()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await _shop.CategoryAsync();
        var product = await CatalogSeed.ProductIdAsync(seller, category, price: 999, stock: 5);
        var elsewhere = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 999, stock: 5);
        var now = DateTimeOffset.UtcNow;
        var sale = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/sale-events", new { name = "Flash", amountOff = 100, startsAt = now.AddHours(-1), endsAt = now.AddHours(1), categoryIds = new[] { category } }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var saleId = sale.GetProperty("id").GetGuid();

        Assert.Equal((899L, 999L), (await DiscountedAsync(product), await DiscountedAsync(elsewhere)));

        // The seller's 20% (199.8 → 199) beats the sale's 100; removed, the sale's price is back.
        var discounted = await Json.ReadAsync(await seller.Client.PutAsJsonAsync($"/api/seller/products/{product}/discount", new { percentOff = 20 }, Ct));
        Assert.Equal(800, discounted.GetProperty("discountedPrice").GetInt64());
        Assert.Equal(899, (await Json.ReadAsync(await seller.Client.DeleteAsync(new Uri($"/api/seller/products/{product}/discount", UriKind.Relative), Ct))).GetProperty("discountedPrice").GetInt64());

        // Moved into the future, the sale no longer runs; deleted, it is gone.
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/sale-events/{saleId}", new { endsAt = now.AddHours(-2) }, Ct), HttpStatusCode.BadRequest, "validation-failed", "endsAt");
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/sale-events/{saleId}", new { startsAt = now.AddDays(1), endsAt = now.AddDays(2) }, Ct));
        Assert.Equal(999, await DiscountedAsync(product));
        Assert.DoesNotContain((await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/sale-events/active", UriKind.Relative), Ct))).EnumerateArray(), e => e.GetProperty("id").GetGuid() == saleId);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/sale-events/{saleId}", UriKind.Relative), Ct)).StatusCode);
        await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/sale-events/{saleId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "sale-event-not-found");

        // Another seller cannot put a discount on this product.
        using var other = await TestUsers.CreateAsync(factory, "seller");
        await Problems.AssertAsync(await other.Client.PutAsJsonAsync($"/api/seller/products/{product}/discount", new { amountOff = 1 }, Ct), HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<long> DiscountedAsync(Guid productId)
    {
        using var anyone = await TestUsers.CreateAsync(factory, "buyer");
        return (await Json.ReadAsync(await anyone.Client.GetAsync(new Uri($"/api/products/{productId}", UriKind.Relative), Ct))).GetProperty("discountedPrice").GetInt64();
    }
}
