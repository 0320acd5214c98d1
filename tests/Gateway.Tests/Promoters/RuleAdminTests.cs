using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Promoters;

/// <summary>Admins' commission rules through their lifecycle, and a product's code that covers no line of the order.</summary>
public sealed class RuleAdminTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_adds_changes_and_removes_a_rule_and_a_second_rule_for_the_same_category_is_refused()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var category = await CatalogSeed.CategoryAsync(admin);
        var id = await Referrals.RuleAsync(admin, new { categoryId = category, rateBps = 300 });
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/commission-rules", new { categoryId = category, rateBps = 400 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, "commission-rule-exists", "categoryId");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/commission-rules", new { categoryId = Guid.NewGuid(), rateBps = 400 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.NotFound, "category-not-found", "categoryId");
        await Problems.AssertAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/commission-rules", new { categoryId = category, rateBps = 5_001 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, "validation-failed", "rateBps");

        var changed = await Json.ReadAsync(await admin.Client.PutAsJsonAsync($"/api/admin/commission-rules/{id}", new { categoryId = category, rateBps = 350, capPerLine = 900, fundedBy = "seller" }, Ct));
        Assert.Equal((350, 900L, "seller"), (changed.GetProperty("rateBps").GetInt32(), changed.GetProperty("capPerLine").GetInt64(), changed.GetProperty("fundedBy").GetString()));
        var listed = (await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/commission-rules", UriKind.Relative), Ct))).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(350, listed.GetProperty("rateBps").GetInt32());

        await Json.ReadAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/commission-rules/{id}", UriKind.Relative), Ct));
        await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/commission-rules/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "commission-rule-not-found");
        await Problems.AssertAsync(await admin.Client.PutAsJsonAsync($"/api/admin/commission-rules/{id}", new { categoryId = category, rateBps = 350 }, Ct), HttpStatusCode.NotFound, "commission-rule-not-found");
    }

    [Fact]
    public async Task A_products_code_at_checkout_of_another_product_is_refused_and_from_a_link_is_not_attributed()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 10, funds: 100_000);
        var other = await CatalogSeed.ProductIdAsync(desk.Seller, await new Shop(factory).CategoryAsync(), price: 1_000, stock: 5);
        using var promoter = await Referrals.PromoterAsync(factory);
        var code = await Referrals.CodeAsync(promoter, other);

        await Problems.AssertAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, code), HttpStatusCode.NotFound, "referral-code-not-found", "referralCode");
        var (_, _, cookie) = await Referrals.FollowAsync(factory, code);
        var placed = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, null, cookie), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Null(await Referrals.ReferralOfAsync(factory, placed));
        Assert.Equal((100_000L - 1_000, 1_000L), await desk.WalletAsync(desk.Buyer));
    }
}
