using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Catalog;

/// <summary>Banners are shared by every test, so each test looks only at the banners it created.</summary>
public sealed class BannersApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_sees_the_active_banners_in_position_order_as_admins_change_them()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var anonymous = factory.CreateClient();
        var tag = CatalogSeed.UniqueName("banner");
        var second = await CreateAsync(admin, new { title = $"{tag} second", imageUrl = "https://img.grainmarket.test/b2.jpg", position = 9_002 });
        var first = await CreateAsync(admin, new { title = $"{tag} first", imageUrl = "https://img.grainmarket.test/b1.jpg", linkUrl = "https://grainmarket.test/sale", position = 9_001 });
        var hidden = await CreateAsync(admin, new { title = $"{tag} hidden", imageUrl = "https://img.grainmarket.test/b3.jpg", position = 9_000, active = false });

        Assert.Equal([first, second], Mine(await ActiveAsync(anonymous), tag));
        Assert.Contains(hidden, Mine(await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/banners", UriKind.Relative), Ct)), tag));

        var moved = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/banners/{second}", new { position = 8_999, linkUrl = "https://grainmarket.test/new" }, Ct));
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/banners/{hidden}", new { active = true }, Ct));
        Assert.Equal(8_999, moved.GetProperty("position").GetInt32());
        Assert.Equal("https://grainmarket.test/new", moved.GetProperty("linkUrl").GetString());
        Assert.Equal($"{tag} second", moved.GetProperty("title").GetString());
        Assert.Equal([second, hidden, first], Mine(await ActiveAsync(anonymous), tag));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/banners/{hidden}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal([second, first], Mine(await ActiveAsync(anonymous), tag));
    }

    [Fact]
    public async Task Bad_banners_and_unknown_ids_are_refused()
    {
        using var admin = await TestUsers.AdminAsync(factory);

        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/banners", new { title = "t", imageUrl = "/relative.jpg" }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "imageUrl");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/banners", new { imageUrl = "https://img.grainmarket.test/x.jpg" }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "title");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/banners", new { title = "t", imageUrl = "https://img.grainmarket.test/x.jpg", linkUrl = "javascript:alert(1)" }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "linkUrl");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/banners", new { title = "t", imageUrl = "https://img.grainmarket.test/x.jpg", position = -1 }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "position");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/banners/{Guid.NewGuid()}", new { title = "t" }, Ct), HttpStatusCode.NotFound, ErrorCodes.BannerNotFound);
        await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/banners/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.BannerNotFound);
    }

    [Fact]
    public async Task Only_admins_manage_banners()
    {
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var anonymous = factory.CreateClient();
        var body = new { title = "t", imageUrl = "https://img.grainmarket.test/x.jpg" };

        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/admin/banners", body, Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await buyer.Client.PostAsJsonAsync("/api/admin/banners", body, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri("/api/admin/banners", UriKind.Relative), Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    private static async Task<Guid> CreateAsync(TestUser admin, object body) =>
        (await Json.ReadAsync(await admin.Client.PostAsJsonAsync("/api/admin/banners", body, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<JsonElement> ActiveAsync(HttpClient client) =>
        await Json.ReadAsync(await client.GetAsync(new Uri("/api/banners", UriKind.Relative), Ct));

    private static List<Guid> Mine(JsonElement banners, string tag) =>
        [.. banners.EnumerateArray().Where(b => b.GetProperty("title").GetString()!.StartsWith(tag, StringComparison.Ordinal)).Select(b => b.GetProperty("id").GetGuid())];
}
