using System.Net;
using System.Net.Http.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Catalog;

public sealed class ModerationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_moderation_on_a_new_product_waits_hidden_until_an_admin_approves_or_rejects_it()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_PRODUCT_MODERATION"] = "true" }, Ct);
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var anonymous = factory.CreateClient();
        var category = await CatalogSeed.CategoryAsync(admin);
        var approved = await CatalogSeed.ProductAsync(seller, category);
        var rejected = await CatalogSeed.ProductIdAsync(seller, category);
        var id = approved.GetProperty("id").GetGuid();

        var stock = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductStockGrain>(id);
        Assert.Equal("pending", approved.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.ProductUnavailable, (await stock.ReserveAsync("while-pending", 1)).Error?.Code);
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        Assert.Equal("pending", (await Json.ReadAsync(await seller.Client.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct))).GetProperty("status").GetString());
        Assert.Empty((await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?category_id={category}", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray());
        await Problems.AssertAsync(await seller.Client.PostAsync(new Uri($"/api/admin/products/{id}/approve", UriKind.Relative), null, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        // The admins' queue: every product waiting, and nothing else (#22 defect 8).
        async Task<List<Guid>> ListAsync(string query) =>
            [.. (await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/products{query}", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
        Assert.Equal(new[] { id, rejected }.Order(), (await ListAsync("")).Order());
        Assert.Equal(new[] { id, rejected }.Order(), (await ListAsync("?status=pending")).Order());
        Assert.Empty(await ListAsync("?status=active"));
        await Problems.AssertAsync(await admin.Client.GetAsync(new Uri("/api/admin/products?status=waiting", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "status");
        await Problems.AssertAsync(await seller.Client.GetAsync(new Uri("/api/admin/products", UriKind.Relative), Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var active = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{id}/approve", UriKind.Relative), null, Ct));
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync($"/api/admin/products/{rejected}/reject", new { reason = "" }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "reason");
        var refused = await Json.ReadAsync(await admin.Client.PostAsJsonAsync($"/api/admin/products/{rejected}/reject", new { reason = "Photos show a different item." }, Ct));

        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.True((await stock.ReserveAsync("once-active", 1)).Succeeded);
        Assert.Equal("rejected", refused.GetProperty("status").GetString());
        Assert.Equal("Photos show a different item.", refused.GetProperty("rejectionReason").GetString());
        var found = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?category_id={category}", UriKind.Relative), Ct));
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("active", (await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct))).GetProperty("status").GetString());
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products/{rejected}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        Assert.Empty(await ListAsync(""));
        Assert.Equal([rejected], await ListAsync("?status=rejected"));
        Assert.Equal([id], await ListAsync("?status=active"));
        await Problems.AssertAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{id}/approve", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, ErrorCodes.ProductNotPending);
        await Problems.AssertAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{Guid.NewGuid()}/approve", UriKind.Relative), null, Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
    }

    [Fact]
    public async Task With_moderation_on_a_sellers_edit_of_what_an_approved_product_says_or_shows_sends_it_back_to_review()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_PRODUCT_MODERATION"] = "true" }, Ct);
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var anonymous = factory.CreateClient();
        var category = await CatalogSeed.CategoryAsync(admin);
        var edited = await CatalogSeed.ProductIdAsync(seller, category);
        var repriced = await CatalogSeed.ProductIdAsync(seller, category);
        foreach (var id in new[] { edited, repriced })
        {
            await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{id}/approve", UriKind.Relative), null, Ct));
        }

        var pending = await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{edited}", new { title = "Now a different item", images = new[] { "https://img.example/other.jpg" } }, Ct));
        var stillActive = await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{repriced}", new { price = 1_100 }, Ct));

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal("active", stillActive.GetProperty("status").GetString());
        var stock = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductStockGrain>(edited);
        Assert.Equal(ErrorCodes.ProductUnavailable, (await stock.ReserveAsync("while-back-in-review", 1)).Error?.Code);
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products/{edited}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        var listed = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?category_id={category}", UriKind.Relative), Ct));
        Assert.Equal(repriced, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var approved = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{edited}/approve", UriKind.Relative), null, Ct));
        var byAdmin = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/products/{edited}", new { description = "Edited by an admin" }, Ct));

        Assert.Equal("active", approved.GetProperty("status").GetString());
        Assert.Equal("Now a different item", approved.GetProperty("title").GetString());
        Assert.Equal("active", byAdmin.GetProperty("status").GetString());
        Assert.True((await stock.ReserveAsync("approved-again", 1)).Succeeded);
    }
}
