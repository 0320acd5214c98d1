using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Brands;

/// <summary>
/// Brands on the shared silo at the default rules: a point per 10.00 sold, brands from silver (100 points). Sellers
/// earn their points by real completed orders.
/// </summary>
public sealed class BrandTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_below_the_brand_rank_is_refused_and_after_completed_sales_an_admin_approves_the_brand()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 50_000, stock: 5, funds: 500_000);
        var name = $"Northwind {Guid.NewGuid():N}";

        var refused = await Problems.AssertAsync(await Branding.ProposeAsync(desk.Seller, name), HttpStatusCode.Forbidden, "rank-too-low");
        Assert.Equal(("silver", 100, 0), (refused.GetProperty("requiredRank").GetString(), refused.GetProperty("requiredPoints").GetInt64(), refused.GetProperty("points").GetInt64()));

        // 500.00 sold: 50 points, still bronze; another 1000.00: 150 points, silver.
        var first = await Branding.CompletedOrderAsync(desk, 1);
        var points = await Branding.PointsAsync(desk.Seller, desk.Seller.Id);
        Assert.Equal((50, "bronze", "silver", 50), (points.GetProperty("points").GetInt64(), points.GetProperty("rank").GetString(), points.GetProperty("nextRank").GetString(), points.GetProperty("pointsToNextRank").GetInt64()));
        Assert.Equal($"sale:{first:N}:{desk.Seller.Id:N}", points.GetProperty("history")[0].GetProperty("id").GetString());
        var stillRefused = await Problems.AssertAsync(await Branding.ProposeAsync(desk.Seller, name), HttpStatusCode.Forbidden, "rank-too-low");
        Assert.Equal(50, stillRefused.GetProperty("points").GetInt64());

        await Branding.CompletedOrderAsync(desk, 2);
        points = await Branding.PointsAsync(desk.Seller, desk.Seller.Id);
        Assert.Equal((150, "silver", "gold", 350), (points.GetProperty("points").GetInt64(), points.GetProperty("rank").GetString(), points.GetProperty("nextRank").GetString(), points.GetProperty("pointsToNextRank").GetInt64()));

        var key = Guid.NewGuid().ToString();
        var proposed = await Json.ReadAsync(await Branding.ProposeAsync(desk.Seller, $"  {name} ", key), HttpStatusCode.Created);
        var brandId = proposed.GetProperty("id").GetGuid();
        Assert.Equal((name, "pending", desk.Seller.Id), (proposed.GetProperty("name").GetString(), proposed.GetProperty("status").GetString(), proposed.GetProperty("sellerId").GetGuid()));
        var repeated = await Json.ReadAsync(await Branding.ProposeAsync(desk.Seller, $"  {name} ", key), HttpStatusCode.Created);
        Assert.Equal(brandId, repeated.GetProperty("id").GetGuid());

        // Pending: its seller and admins see it, nobody else does, and no product may carry it yet.
        using var anonymous = factory.CreateClient();
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/brands/{brandId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "brand-not-found");
        await Json.ReadAsync(await desk.Seller.Client.GetAsync(new Uri($"/api/brands/{brandId}", UriKind.Relative), Ct));
        await Problems.AssertAsync(await desk.Seller.Client.PatchAsJsonAsync($"/api/products/{desk.ProductId}", new { brandId }, Ct), HttpStatusCode.UnprocessableEntity, "brand-not-assignable", "brandId");
        await Branding.ConfirmedAsync(desk, brandId);
        var queue = await Json.ReadAsync(await desk.Admin.Client.GetAsync(new Uri("/api/admin/brands?status=pending&limit=100", UriKind.Relative), Ct));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == brandId);
        var mine = await Json.ReadAsync(await desk.Seller.Client.GetAsync(new Uri("/api/seller/brands", UriKind.Relative), Ct));
        Assert.Equal([brandId], [.. mine.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid())]);

        var approved = await Json.ReadAsync(await desk.Admin.Client.PostAsync(new Uri($"/api/admin/brands/{brandId}/approve", UriKind.Relative), null, Ct));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Contains($"brand-approved:{brandId:N}", await ReturnDesk.NotificationIdsAsync(desk.Seller));
        await Problems.AssertAsync(await desk.Admin.Client.PostAsJsonAsync($"/api/admin/brands/{brandId}/reject", new { reason = "Too late." }, Ct), HttpStatusCode.Conflict, "brand-not-pending");

        await Branding.ConfirmedAsync(desk, brandId);
        var listed = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/brands?q={Uri.EscapeDataString(name.ToUpperInvariant()[..20])}", UriKind.Relative), Ct));
        Assert.Equal([brandId], [.. listed.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid())]);

        var profile = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}", UriKind.Relative), Ct));
        Assert.Equal((150, "silver", "gold", 350), (profile.GetProperty("points").GetInt64(), profile.GetProperty("rank").GetString(), profile.GetProperty("nextRank").GetString(), profile.GetProperty("pointsToNextRank").GetInt64()));
        Assert.Equal([brandId], [.. profile.GetProperty("brands").EnumerateArray().Select(b => b.GetProperty("id").GetGuid())]);

        // On the product, in its answer and in search; null takes it off again.
        var branded = await Json.ReadAsync(await desk.Seller.Client.PatchAsJsonAsync($"/api/products/{desk.ProductId}", new { brandId }, Ct));
        Assert.Equal((brandId, name), (branded.GetProperty("brandId").GetGuid(), branded.GetProperty("brandName").GetString()));
        var found = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?brand_id={brandId}", UriKind.Relative), Ct));
        var item = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal((desk.ProductId, brandId, name), (item.GetProperty("id").GetGuid(), item.GetProperty("brandId").GetGuid(), item.GetProperty("brandName").GetString()));

        var cleared = await Json.ReadAsync(await desk.Seller.Client.PatchAsync(new Uri($"/api/products/{desk.ProductId}", UriKind.Relative), JsonContent.Create(new Dictionary<string, object?> { ["brandId"] = null }), Ct));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("brandId").ValueKind);
        Assert.Empty((await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?brand_id={brandId}", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Brand_names_are_unique_case_insensitively_until_a_rejection_frees_them_and_only_the_owner_assigns_one()
    {
        await using var first = await ReturnDesk.OpenAsync(factory, price: 100_000, stock: 3, funds: 300_000);
        await using var second = await ReturnDesk.OpenAsync(factory, price: 100_000, stock: 3, funds: 300_000);
        await Branding.CompletedOrderAsync(first, 1);
        await Branding.CompletedOrderAsync(second, 1);
        var name = $"Contoso Tools {Guid.NewGuid():N}";

        var taken = await Branding.ProposedAsync(first.Seller, name);
        await Problems.AssertAsync(await Branding.ProposeAsync(second.Seller, $" {name.ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal)}"), HttpStatusCode.Conflict, "brand-name-taken", "name");

        // Another seller's approved brand is not theirs to put on a product, and a made-up id is no brand at all.
        await Json.ReadAsync(await first.Admin.Client.PostAsync(new Uri($"/api/admin/brands/{taken}/approve", UriKind.Relative), null, Ct));
        await Problems.AssertAsync(await second.Seller.Client.PatchAsJsonAsync($"/api/products/{second.ProductId}", new { brandId = taken }, Ct), HttpStatusCode.UnprocessableEntity, "brand-not-assignable", "brandId");
        await Problems.AssertAsync(await second.Seller.Client.PatchAsJsonAsync($"/api/products/{second.ProductId}", new { brandId = Guid.NewGuid() }, Ct), HttpStatusCode.UnprocessableEntity, "brand-not-assignable", "brandId");

        var other = await Branding.ProposedAsync(second.Seller, $"{name} Outlet");
        var rejected = await Json.ReadAsync(await second.Admin.Client.PostAsJsonAsync($"/api/admin/brands/{other}/reject", new { reason = "Confusingly close to another brand." }, Ct));
        Assert.Equal(("rejected", "Confusingly close to another brand."), (rejected.GetProperty("status").GetString(), rejected.GetProperty("rejectionReason").GetString()));
        Assert.Contains($"brand-rejected:{other:N}", await ReturnDesk.NotificationIdsAsync(second.Seller));

        // The rejected name is free again; the approved one stays taken.
        await Branding.ProposedAsync(first.Seller, $"{name} outlet");
        await Problems.AssertAsync(await Branding.ProposeAsync(second.Seller, name.ToLowerInvariant()), HttpStatusCode.Conflict, "brand-name-taken", "name");
    }

    [Fact]
    public async Task A_seller_profile_of_someone_who_is_not_a_seller_is_not_found()
    {
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var anonymous = factory.CreateClient();
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/sellers/{buyer.Id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "user-not-found");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/sellers/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "user-not-found");
    }
}
