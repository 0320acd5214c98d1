using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Catalog;

/// <summary>Creates catalog data through the public API, each with a name no other test uses.</summary>
public static class CatalogSeed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<Guid> CategoryAsync(TestUser admin, Guid? parentId = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var created = await Json.ReadAsync(await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = name ?? UniqueName("category"), parentId }, Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> ProductAsync(TestUser seller, Guid categoryId, string? title = null, long price = 1_000, long stock = 5, string description = "A plain product.")
    {
        ArgumentNullException.ThrowIfNull(seller);
        var body = new { title = title ?? UniqueName("product"), description, categoryId, price, stock, images = new[] { "https://img.grainmarket.test/1.jpg" } };
        return await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Created);
    }

    public static async Task<Guid> ProductIdAsync(TestUser seller, Guid categoryId, string? title = null, long price = 1_000, long stock = 5, string description = "A plain product.") =>
        (await ProductAsync(seller, categoryId, title, price, stock, description)).GetProperty("id").GetGuid();
}
