using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Pricing;

/// <summary>Each coupon rule refuses a checkout with its own code and changes nothing; a use counts once per order.</summary>
public sealed class CouponRulesTests(MarketplaceFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_uses_a_coupon_only_as_often_as_its_per_user_limit_allows()
    {
        var (product, admin) = await ProductAsync(price: 1_000);
        using var _ = admin;
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(admin, new { code, percentOff = 10, perUserLimit = 1 });
        using var buyer = await _shop.BuyerAsync(10_000);
        using var other = await _shop.BuyerAsync(10_000);

        var first = await Json.ReadAsync(await Coupons.BuyNowAsync(buyer, product, 2, code), HttpStatusCode.Created);
        await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 1, code), HttpStatusCode.Conflict, "coupon-user-limit", "couponCode");
        var others = await Json.ReadAsync(await Coupons.BuyNowAsync(other, product, 1, code), HttpStatusCode.Created);

        Assert.Equal((1_800L, 900L), (first.GetProperty("total").GetInt64(), others.GetProperty("total").GetInt64()));
        Assert.Equal(2, await Coupons.UsedAsync(admin, code));
        Assert.Equal(1_800, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task A_coupon_needs_its_minimum_order_counted_after_line_discounts()
    {
        var (product, admin) = await ProductAsync(price: 1_000);
        using var _ = admin;
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(admin, new { code, amountOff = 700, minOrder = 5_000 });
        using var buyer = await _shop.BuyerAsync(10_000);

        var refused = await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 4, code), HttpStatusCode.UnprocessableEntity, "coupon-min-order", "couponCode");
        var placed = await Json.ReadAsync(await Coupons.BuyNowAsync(buyer, product, 5, code), HttpStatusCode.Created);

        Assert.Equal((5_000L, 4_000L), (refused.GetProperty("minOrder").GetInt64(), refused.GetProperty("subtotal").GetInt64()));
        Assert.Equal(4_300, placed.GetProperty("total").GetInt64());
        Assert.Equal((5_700L, 4_300L), ((await Shop.WalletAsync(buyer)).GetProperty("available").GetInt64(), (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64()));
    }

    [Fact]
    public async Task An_expired_a_deactivated_an_unknown_and_another_sellers_coupon_are_refused_and_change_nothing()
    {
        var (product, admin) = await ProductAsync(price: 1_000);
        using var _ = admin;
        var expired = Coupons.NewCode();
        var deactivated = Coupons.NewCode();
        var othersOwn = Coupons.NewCode();
        var now = DateTimeOffset.UtcNow;
        await Coupons.CreateAsync(admin, new { code = expired, amountOff = 100, startsAt = now.AddDays(-2), endsAt = now.AddDays(-1) });
        await Coupons.CreateAsync(admin, new { code = deactivated, amountOff = 100 });
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/coupons/{deactivated}", new { active = false }, Ct));
        using var otherSeller = await TestUsers.CreateAsync(factory, "seller");
        await Coupons.CreateAsync(otherSeller, new { code = othersOwn, amountOff = 100 }, platform: false);
        using var buyer = await _shop.BuyerAsync(10_000);

        await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 1, expired), HttpStatusCode.UnprocessableEntity, "coupon-expired", "couponCode");
        await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 1, deactivated), HttpStatusCode.UnprocessableEntity, "coupon-expired", "couponCode");
        await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 1, othersOwn), HttpStatusCode.UnprocessableEntity, "coupon-not-applicable", "couponCode");
        await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 1, Coupons.NewCode()), HttpStatusCode.NotFound, "coupon-not-found", "couponCode");
        await Problems.AssertAsync(await Coupons.BuyNowAsync(buyer, product, 1, "no spaces!"), HttpStatusCode.BadRequest, "validation-failed", "couponCode");

        Assert.Equal((10_000L, 0L), ((await Shop.WalletAsync(buyer)).GetProperty("available").GetInt64(), (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64()));
        Assert.Equal(0, (await _shop.StockAsync(product)).GetProperty("reserved").GetInt64());
        Assert.Equal((0, 0, 0), (await Coupons.UsedAsync(admin, expired), await Coupons.UsedAsync(admin, deactivated), await Coupons.UsedAsync(admin, othersOwn)));
    }

    [Fact]
    public async Task A_retried_checkout_uses_the_coupon_once_and_a_cancelled_order_gives_its_use_back()
    {
        var (product, admin) = await ProductAsync(price: 1_000);
        using var _ = admin;
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(admin, new { code, amountOff = 250, totalLimit = 1 });
        using var buyer = await _shop.BuyerAsync(10_000);
        var key = Guid.NewGuid().ToString();

        var first = await Json.ReadAsync(await Coupons.BuyNowAsync(buyer, product, 1, code, key), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await Coupons.BuyNowAsync(buyer, product, 1, code, key), HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal((750L, 750L), (first.GetProperty("total").GetInt64(), again.GetProperty("total").GetInt64()));
        Assert.Equal(1, await Coupons.UsedAsync(admin, code));
        Assert.Equal(750, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());

        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{first.GetProperty("id").GetGuid()}/cancel", UriKind.Relative), null, Ct));

        Assert.Equal(0, await Coupons.UsedAsync(admin, code));
        var next = await Json.ReadAsync(await Coupons.BuyNowAsync(buyer, product, 1, code), HttpStatusCode.Created);
        Assert.Equal(750, next.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_sellers_coupon_applies_to_their_own_lines_only_and_reduces_their_payout()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var otherSeller = await TestUsers.CreateAsync(factory, "seller");
        var category = await _shop.CategoryAsync();
        var own = await CatalogSeed.ProductIdAsync(seller, category, price: 3_333, stock: 5);
        var others = await CatalogSeed.ProductIdAsync(otherSeller, category, price: 2_000, stock: 5);
        var code = Coupons.NewCode();
        var created = await Coupons.CreateAsync(seller, new { code, percentOff = 20 }, platform: false);
        Assert.Equal(("seller", seller.Id), (created.GetProperty("fundedBy").GetString(), created.GetProperty("sellerId").GetGuid()));
        using var buyer = await _shop.BuyerAsync(20_000);
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{own}", new { quantity = 3 }, Ct));
        await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{others}", new { quantity = 1 }, Ct));

        // 20% of the seller's 9,999 is 1,999.8 → 1,999; the other seller's 2,000 is untouched.
        var order = await Json.ReadAsync(await Coupons.CheckoutAsync(buyer, code), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal(9_999 - 1_999 + 2_000, order.GetProperty("total").GetInt64());
        var lines = order.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("productId").GetGuid());
        Assert.Equal((1_999L, 0L), (lines[own].GetProperty("couponShare").GetInt64(), lines[others].GetProperty("couponShare").GetInt64()));

        foreach (var s in new[] { seller, otherSeller })
        {
            await Returns.ReturnDesk.StepAsync(s, $"/api/orders/{orderId}/accept");
            await Returns.ReturnDesk.StepAsync(s, $"/api/orders/{orderId}/ship");
        }

        await Returns.ReturnDesk.StepAsync(admin, $"/api/orders/{orderId}/deliver");
        await Returns.ReturnDesk.StepAsync(buyer, $"/api/orders/{orderId}/complete");

        // The seller pays their coupon: 8,000 less 2% of it (160); the other seller 2,000 less 40.
        Assert.Equal(7_840, await _shop.LedgerSumAsync(seller.Id.ToString(), "PAYMENT", orderId));
        Assert.Equal(1_960, await _shop.LedgerSumAsync(otherSeller.Id.ToString(), "PAYMENT", orderId));
        Assert.Equal(200, await _shop.LedgerSumAsync("platform", "FEE", orderId));
    }

    [Fact]
    public async Task A_quote_answers_the_coupons_refusal_and_counts_no_use()
    {
        var (product, admin) = await ProductAsync(price: 1_000);
        using var _ = admin;
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(admin, new { code, percentOff = 50, maxDiscount = 300, totalLimit = 1 });
        using var buyer = await _shop.BuyerAsync(10_000);

        var quote = await Json.ReadAsync(await buyer.Client.PostAsJsonAsync("/api/checkout/quote", new { productId = product, quantity = 2, shippingAddress = Shop.Address, couponCode = code }, Ct));
        var again = await Json.ReadAsync(await buyer.Client.PostAsJsonAsync("/api/checkout/quote", new { productId = product, quantity = 2, shippingAddress = Shop.Address, couponCode = code }, Ct));

        // 50% of 2,000 capped at 300.
        Assert.Equal((1_700L, 1_700L), (quote.GetProperty("total").GetInt64(), again.GetProperty("total").GetInt64()));
        Assert.Equal(0, await Coupons.UsedAsync(admin, code));
        await Json.ReadAsync(await Coupons.BuyNowAsync(buyer, product, 2, code), HttpStatusCode.Created);
        await Problems.AssertAsync(await buyer.Client.PostAsJsonAsync("/api/checkout/quote", new { productId = product, quantity = 1, shippingAddress = Shop.Address, couponCode = code }, Ct), HttpStatusCode.Conflict, "coupon-exhausted", "couponCode");
        await Problems.AssertAsync(await buyer.Client.PostAsJsonAsync("/api/checkout/quote", new { shippingAddress = Shop.Address }, Ct), HttpStatusCode.Conflict, "cart-empty");
    }

    private async Task<(Guid Product, TestUser Admin)> ProductAsync(long price)
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: price, stock: 20);
        return (product, await TestUsers.AdminAsync(factory));
    }
}
