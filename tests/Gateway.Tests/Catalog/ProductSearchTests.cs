using System.Net;
using System.Text.Json;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Catalog;

/// <summary>Search over the products read model. Each test scopes its searches to a category or seller of its own.</summary>
public sealed class ProductSearchTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Q_matches_words_of_the_title_or_the_description_with_english_stemming()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var inTitle = await CatalogSeed.ProductIdAsync(seller, category, title: $"Brass {word} lantern");
        var inDescription = await CatalogSeed.ProductIdAsync(seller, category, title: "Copper kettle", description: $"Pairs well with a {word} and lanterns.");
        await CatalogSeed.ProductIdAsync(seller, category, title: "Iron pan");

        var byWord = await SearchAsync($"category_id={category}&q={word}");
        var stemmed = await SearchAsync($"category_id={category}&q=lanterns");
        var both = await SearchAsync($"category_id={category}&q={word} kettle");

        Assert.Equal(new[] { inTitle, inDescription }.Order(), Ids(byWord).Order());
        Assert.Equal(new[] { inTitle, inDescription }.Order(), Ids(stemmed).Order());
        Assert.Equal([inDescription], Ids(both));
    }

    [Fact]
    public async Task Q_matches_the_start_of_words_and_reads_nothing_as_query_syntax()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var rice = await CatalogSeed.ProductIdAsync(seller, category, title: $"Basmati rice {word}");
        var rich = await CatalogSeed.ProductIdAsync(seller, category, title: $"Rich tomato soup {word}");
        await CatalogSeed.ProductIdAsync(seller, category, title: "Iron pan");

        Assert.Equal(new[] { rice, rich }.Order(), Ids(await SearchAsync($"category_id={category}&q=ric")).Order());
        Assert.Equal(new[] { rice, rich }.Order(), Ids(await SearchAsync($"category_id={category}&q={word[..7]}")).Order());
        Assert.Equal([rice], Ids(await SearchAsync($"category_id={category}&q=ric%20bas")));
        Assert.Equal([rich], Ids(await SearchAsync($"category_id={category}&q=TOMA%20ric")));

        // Characters that mean something to PostgreSQL's query syntax are only separators here.
        Assert.Equal([rice], Ids(await SearchAsync($"category_id={category}&q=%22ric%3A*%20%26%20!bas%7C%22")));
        Assert.Empty(Ids(await SearchAsync($"category_id={category}&q=%21%26%7C%3A*")));
    }

    [Fact]
    public async Task CategoryId_includes_every_sub_category_and_nothing_else()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var root = await CatalogSeed.CategoryAsync(admin);
        var child = await CatalogSeed.CategoryAsync(admin, root);
        var grandchild = await CatalogSeed.CategoryAsync(admin, child);
        var unrelated = await CatalogSeed.CategoryAsync(admin);
        var inRoot = await CatalogSeed.ProductIdAsync(seller, root);
        var inChild = await CatalogSeed.ProductIdAsync(seller, child);
        var inGrandchild = await CatalogSeed.ProductIdAsync(seller, grandchild);
        await CatalogSeed.ProductIdAsync(seller, unrelated);

        Assert.Equal(new[] { inRoot, inChild, inGrandchild }.Order(), Ids(await SearchAsync($"category_id={root}")).Order());
        Assert.Equal(new[] { inChild, inGrandchild }.Order(), Ids(await SearchAsync($"category_id={child}")).Order());
        Assert.Equal([inGrandchild], Ids(await SearchAsync($"category_id={grandchild}")));
        Assert.Empty(Ids(await SearchAsync($"category_id={Guid.NewGuid()}")));
    }

    [Fact]
    public async Task Price_range_seller_and_every_sort_order_are_applied()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var otherSeller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var mid = await CatalogSeed.ProductIdAsync(seller, category, price: 200);
        var cheap = await CatalogSeed.ProductIdAsync(seller, category, price: 100);
        var dear = await CatalogSeed.ProductIdAsync(seller, category, price: 300);
        var others = await CatalogSeed.ProductIdAsync(otherSeller, category, price: 250);
        await RateAsync(cheap, 5);
        await RateAsync(cheap, 4);
        await RateAsync(dear, 3);
        await RateAsync(mid, 5);

        Assert.Equal([cheap, mid, others, dear], Ids(await SearchAsync($"category_id={category}&sort=price")));
        Assert.Equal([dear, others, mid, cheap], Ids(await SearchAsync($"category_id={category}&sort=-price")));
        Assert.Equal([others, dear, cheap, mid], Ids(await SearchAsync($"category_id={category}&sort=newest")));
        Assert.Equal([others, dear, cheap, mid], Ids(await SearchAsync($"category_id={category}")));
        Assert.Equal([mid, cheap, dear, others], Ids(await SearchAsync($"category_id={category}&sort=rating")));
        Assert.Equal([mid, others], Ids(await SearchAsync($"category_id={category}&min_price=150&max_price=250&sort=price")));
        Assert.Equal([mid, cheap], Ids(await SearchAsync($"category_id={category}&min_rating=4.5&sort=rating")));
        Assert.Equal([cheap, mid, dear], Ids(await SearchAsync($"seller_id={seller.Id}&sort=price")));

        var rated = (await SearchAsync($"category_id={category}&sort=rating")).GetProperty("items")[1];
        Assert.Equal(4.5m, rated.GetProperty("rating").GetProperty("average").GetDecimal());
        Assert.Equal(2, rated.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.Equal(5, rated.GetProperty("stock").GetInt64());
    }

    [Theory]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("newest")]
    [InlineData("rating")]
    public async Task Cursor_pages_over_equal_sort_keys_return_every_product_exactly_once(string sort)
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CatalogSeed.ProductIdAsync(seller, category, price: 500));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync($"category_id={category}&sort={Uri.EscapeDataString(sort)}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(created.Order(), seen.Order());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("min_price=-1", "min_price")]
    [InlineData("max_price=x", "max_price")]
    [InlineData("min_price=500&max_price=100", "max_price")]
    [InlineData("min_rating=6", "min_rating")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("category_id=shoes", "category_id")]
    [InlineData("seller_id=42", "seller_id")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_search_parameter_is_refused_naming_it(string query, string field)
    {
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products?{query}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, field);
    }

    [Fact]
    public async Task A_cursor_of_one_sort_is_refused_by_another()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        await CatalogSeed.ProductIdAsync(seller, category);
        await CatalogSeed.ProductIdAsync(seller, category);
        var cursor = (await SearchAsync($"category_id={category}&sort=price&limit=1")).GetProperty("next").GetString();
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products?category_id={category}&sort=newest&cursor={cursor}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "cursor");
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        using var anonymous = factory.CreateClient();
        return await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?{query}", UriKind.Relative), Ct));
    }

    /// <summary>Counts one rating in the product's tally, as a review's transaction does (reviews themselves are tested in Reviews/).</summary>
    private async Task RateAsync(Guid productId, int stars)
    {
        var tally = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRatingTallyGrain>(ReviewIds.ProductTally(productId));
        await factory.Services.GetRequiredService<ITransactionClient>().RunTransaction(TransactionOption.Create, () => tally.ChangeAsync(0, stars));
        await StoredState.ConfirmedAsync(await TestDatabase.GetDataSourceAsync(Ct), tally.GetGrainId(), "tally", Ct);
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
}
