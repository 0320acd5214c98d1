using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary>An admin's moderation of a product or an auction tells its seller.</summary>
public sealed class ModerationNotificationTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_is_told_when_an_admin_approves_or_rejects_their_auction()
    {
        var shop = new Shop(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var admin = await TestUsers.AdminAsync(factory);
        var category = await shop.CategoryAsync();
        async Task<Guid> ListAsync(string title) => (await Json.ReadAsync(
            await seller.Client.SendAsync(Shop.Post("/api/auctions", new { title, categoryId = category, startingPrice = 5_00, endsAt = DateTimeOffset.UtcNow.AddHours(2) }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var approved = await ListAsync("Brass lamp");
        var rejected = await ListAsync("Blurry lamp");

        await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{approved}/approve", UriKind.Relative), null, Ct));
        await Json.ReadAsync(await admin.Client.PostAsJsonAsync($"/api/admin/auctions/{rejected}/reject", new { reason = "Photos are blurry." }, Ct));

        var items = await Inboxes.ItemsAsync(seller);
        Assert.Equal([$"auction-rejected:{rejected:N}", $"auction-approved:{approved:N}"], items.Select(n => n.GetProperty("id").GetString()));
        Assert.Equal("\"Blurry lamp\": Photos are blurry.", items[0].GetProperty("body").GetString());
        Assert.Equal("auction-approved", items[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_seller_is_told_when_an_admin_approves_or_rejects_their_product()
    {
        await using var isolated = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_PRODUCT_MODERATION"] = "true" }, Ct);
        using var admin = await TestUsers.AdminAsync(isolated);
        using var seller = await TestUsers.CreateAsync(isolated, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var approved = await CatalogSeed.ProductIdAsync(seller, category, title: "Rye, 5 kg");
        var rejected = await CatalogSeed.ProductIdAsync(seller, category, title: "Oats, 5 kg");

        await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{approved}/approve", UriKind.Relative), null, Ct));
        await Json.ReadAsync(await admin.Client.PostAsJsonAsync($"/api/admin/products/{rejected}/reject", new { reason = "Photos show a different item." }, Ct));

        var items = await Inboxes.ItemsAsync(seller);
        Assert.Equal(["product-rejected", "product-approved"], items.Select(n => n.GetProperty("type").GetString()));
        Assert.StartsWith($"product-rejected:{rejected:N}:", items[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"product-approved:{approved:N}:", items[1].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("\"Oats, 5 kg\": Photos show a different item.", items[0].GetProperty("body").GetString());
        Assert.Equal($"/api/products/{approved}", items[1].GetProperty("link").GetString());
    }
}
