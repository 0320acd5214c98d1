using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Catalog;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Catalog;

/// <summary>Catalog reads carry an ETag and Cache-Control, answer 304 when nothing changed, and come from an output cache that a change evicts.</summary>
public sealed class CatalogCachingTests(MarketplaceFactory factory)
{
    private static readonly TimeSpan NotifyLimit = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_repeated_product_get_with_its_etag_answers_304_and_an_update_changes_the_etag()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var id = await CatalogSeed.ProductIdAsync(seller, await CatalogSeed.CategoryAsync(admin));
        var path = new Uri($"/api/products/{id}", UriKind.Relative);
        using var anonymous = factory.CreateClient();

        using var first = await anonymous.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag on a product");
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl is { Public: true, NoCache: true, Private: false }, $"an anonymous answer is cached as {first.Headers.CacheControl}");
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());

        using var repeated = await SendAsync(anonymous, path, etag);
        Assert.Equal(HttpStatusCode.NotModified, repeated.StatusCode);
        Assert.Empty(await repeated.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, repeated.Headers.ETag);

        using var owner = await SendAsync(seller.Client, path, null);
        Assert.True(owner.Headers.CacheControl is { Private: true, NoCache: true, Public: false }, $"the owner's answer is cached as {owner.Headers.CacheControl}");

        await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{id}", new { price = 1_234 }, Ct));
        using var changed = await SendAsync(anonymous, path, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(1_234, (await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("price").GetInt64());
    }

    [Fact]
    public async Task A_product_that_is_not_found_has_no_etag()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync(new Uri($"/api/products/{Guid.NewGuid()}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task A_repeated_search_and_category_tree_get_answer_304()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var word = $"etag{Guid.NewGuid():N}";
        await CatalogSeed.ProductIdAsync(seller, await CatalogSeed.CategoryAsync(admin), title: $"Lamp {word}");
        using var anonymous = factory.CreateClient();

        foreach (var path in new[] { new Uri($"/api/products?q={word}", UriKind.Relative), new Uri("/api/categories", UriKind.Relative) })
        {
            using var first = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl is { Public: true, NoCache: true, Private: false }, $"{path} is cached as {first.Headers.CacheControl}");
            using var repeated = await SendAsync(anonymous, path, first.Headers.ETag ?? throw new InvalidOperationException($"no ETag on {path}"));
            Assert.Equal(HttpStatusCode.NotModified, repeated.StatusCode);
            Assert.Empty(await repeated.Content.ReadAsByteArrayAsync(Ct));
        }
    }

    [Fact]
    public async Task A_cached_search_shows_a_change_made_through_this_gateway_on_the_next_read()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var (id, path) = await ListAsync(seller, "Chair", 2_000);
        using var anonymous = factory.CreateClient();

        Assert.Equal(2_000, PriceIn(await CachedAsync(anonymous, path), id));

        await Json.ReadAsync(await seller.Client.PatchAsJsonAsync($"/api/products/{id}", new { price = 2_500 }, Ct));

        using var after = await anonymous.GetAsync(path, Ct);
        Assert.Null(after.Headers.Age);
        Assert.Equal(2_500, PriceIn(await Json.ReadAsync(after), id));
    }

    [Fact]
    public async Task A_cached_category_tree_shows_a_new_category_on_the_next_read()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var anonymous = factory.CreateClient();
        var path = new Uri("/api/categories", UriKind.Relative);
        await CachedAsync(anonymous, path);

        var name = CatalogSeed.UniqueName("fresh");
        await CatalogSeed.CategoryAsync(admin, name: name);

        var tree = await anonymous.GetStringAsync(path, Ct);
        Assert.Contains(name, tree, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_committed_by_a_silo_without_this_gateway_evicts_the_cached_search_through_the_database_notification()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var (id, path) = await ListAsync(seller, "Desk", 3_000);
        using var anonymous = factory.CreateClient();
        await CachedAsync(anonymous, path);

        // Straight to the grain: the silo's projection writes the products row, no gateway endpoint runs.
        var updated = await Grains.GetGrain<IProductGrain>(id).UpdateAsync(new Requester(seller.Id, false), new ProductUpdate(null, null, null, 3_300, null, null));
        Assert.True(updated.Succeeded);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(NotifyLimit);
        long price;
        do
        {
            using var response = await anonymous.GetAsync(path, limit.Token);
            price = PriceIn(await Json.ReadAsync(response), id);
        }
        while (price != 3_300 && !limit.IsCancellationRequested);

        Assert.Equal(3_300, price);
    }

    [Fact]
    public async Task A_search_that_differs_only_in_its_query_is_cached_apart()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var word = $"apart{Guid.NewGuid():N}";
        var category = await CatalogSeed.CategoryAsync(admin);
        var cheap = await CatalogSeed.ProductIdAsync(seller, category, title: $"Cup {word}", price: 100);
        var dear = await CatalogSeed.ProductIdAsync(seller, category, title: $"Mug {word}", price: 900);
        using var anonymous = factory.CreateClient();

        var low = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?q={word}&max_price=500", UriKind.Relative), Ct));
        var all = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?q={word}", UriKind.Relative), Ct));

        Assert.Equal([cheap], low.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { cheap, dear }.Order(), all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order());
    }

    /// <summary>Lists a product titled <paramref name="title"/> and a unique word; returns its id and the search that finds only it.</summary>
    private async Task<(Guid Id, Uri Search)> ListAsync(TestUser seller, string title, long price)
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var word = $"{title.ToLowerInvariant()}{Guid.NewGuid():N}";
        var id = await CatalogSeed.ProductIdAsync(seller, await CatalogSeed.CategoryAsync(admin), title: $"{title} {word}", price: price);
        return (id, new Uri($"/api/products?q={word}", UriKind.Relative));
    }

    /// <summary>
    /// Reads <paramref name="path"/> until an answer comes from the output cache (it carries <c>Age</c>) and returns it.
    /// Any catalog change evicts every entry, and other tests change the catalog meanwhile, so a few reads may miss.
    /// </summary>
    private static async Task<JsonElement> CachedAsync(HttpClient client, Uri path)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await client.GetAsync(path, Ct);
            var body = await Json.ReadAsync(response);
            if (response.Headers.Age is not null)
            {
                return body;
            }
        }

        throw new Xunit.Sdk.XunitException($"{path} was never served from the output cache in 50 reads");
    }

    private static long PriceIn(JsonElement page, Guid id) =>
        page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("price").GetInt64();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri path, System.Net.Http.Headers.EntityTagHeaderValue? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }

        return await client.SendAsync(request, Ct);
    }
}
