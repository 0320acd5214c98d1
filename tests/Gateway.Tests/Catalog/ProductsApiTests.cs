using System.Net;
using System.Net.Http.Json;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Catalog;

public sealed class ProductsApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_seller_lists_a_product_that_anyone_can_read()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var body = new { title = "Walnut cutting board", description = "Oiled walnut, 40 cm.", categoryId = category, price = 4_599, stock = 7, images = new[] { "https://img.grainmarket.test/board.jpg", "http://img.grainmarket.test/side.png" } };

        var created = await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        using var anonymous = factory.CreateClient();
        var read = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct));

        Assert.Equal("Walnut cutting board", read.GetProperty("title").GetString());
        Assert.Equal("Oiled walnut, 40 cm.", read.GetProperty("description").GetString());
        Assert.Equal(4_599, read.GetProperty("price").GetInt64());
        Assert.Equal("USD", read.GetProperty("currency").GetString());
        Assert.Equal(7, read.GetProperty("stock").GetInt64());
        Assert.Equal(seller.Id, read.GetProperty("sellerId").GetGuid());
        Assert.Equal(category, read.GetProperty("categoryId").GetGuid());
        Assert.Equal(body.images, read.GetProperty("images").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(0, read.GetProperty("rating").GetProperty("average").GetDecimal());
        Assert.Equal(0, read.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Equal(new StockLevels(7, 0, 0, 0, 7), await Grains.GetGrain<IProductStockGrain>(id).GetAsync());
    }

    [Theory]
    [InlineData("title", "", 100L, 1L, 0)]
    [InlineData("title", "201", 100L, 1L, 0)]
    [InlineData("price", "ok", 0L, 1L, 0)]
    [InlineData("price", "ok", -5L, 1L, 0)]
    [InlineData("stock", "ok", 100L, -1L, 0)]
    [InlineData("price", "ok", 100_000_001L, 1L, 0)]
    [InlineData("stock", "ok", 100L, 1_000_000_001L, 0)]
    [InlineData("images", "ok", 100L, 1L, 11)]
    [InlineData("images[1]", "ok", 100L, 1L, -1)]
    public async Task Listing_a_product_with_bad_input_is_refused_naming_the_field(string field, string title, long price, long stock, int images)
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        string[] urls = images >= 0
            ? [.. Enumerable.Range(0, images).Select(i => $"https://img.grainmarket.test/{i}.jpg")]
            : ["https://img.grainmarket.test/ok.jpg", "ftp://img.grainmarket.test/bad.jpg"];
        var body = new { title = title == "201" ? new string('t', 201) : title, description = "d", categoryId = category, price, stock, images = urls };

        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, field);
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem_not_a_500()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var wrongType = new StringContent("""{"title":"t","price":"cheap"}""", System.Text.Encoding.UTF8, "application/json");
        using var broken = new StringContent("{\"title\":", System.Text.Encoding.UTF8, "application/json");

        var typed = await seller.Client.PostAsync(new Uri("/api/products", UriKind.Relative), wrongType, Ct);
        var truncated = await seller.Client.PostAsync(new Uri("/api/products", UriKind.Relative), broken, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Equal("application/problem+json", truncated.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Listing_needs_a_known_category()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");

        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync("/api/products", new { title = "t", description = "d", price = 1, stock = 1 }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "categoryId");
        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync("/api/products", new { title = "t", description = "d", categoryId = Guid.NewGuid(), price = 1, stock = 1 }, Ct), HttpStatusCode.NotFound, ErrorCodes.CategoryNotFound, "categoryId");
    }

    [Fact]
    public async Task Only_a_seller_lists_products()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var anonymous = factory.CreateClient();
        var category = await CatalogSeed.CategoryAsync(admin);
        var body = new { title = "t", description = "d", categoryId = category, price = 1, stock = 1 };

        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await buyer.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task The_owner_and_admins_change_a_product_and_others_are_refused()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var owner = await TestUsers.CreateAsync(factory, "seller");
        using var other = await TestUsers.CreateAsync(factory, "seller");
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var anonymous = factory.CreateClient();
        var category = await CatalogSeed.CategoryAsync(admin);
        var moveTo = await CatalogSeed.CategoryAsync(admin);
        var id = await CatalogSeed.ProductIdAsync(owner, category, price: 1_000);

        var changed = await Json.ReadAsync(await owner.Client.PatchAsJsonAsync($"/api/products/{id}", new { title = "New title", price = 1_250, categoryId = moveTo, images = Array.Empty<string>() }, Ct));
        var byAdmin = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/products/{id}", new { description = "Edited by an admin" }, Ct));

        Assert.Equal("New title", changed.GetProperty("title").GetString());
        Assert.Equal(1_250, changed.GetProperty("price").GetInt64());
        Assert.Equal(moveTo, changed.GetProperty("categoryId").GetGuid());
        Assert.Empty(changed.GetProperty("images").EnumerateArray());
        Assert.Equal("Edited by an admin", byAdmin.GetProperty("description").GetString());
        Assert.Equal("New title", byAdmin.GetProperty("title").GetString());

        await Problems.AssertAsync(await other.Client.PatchAsJsonAsync($"/api/products/{id}", new { price = 1 }, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(await buyer.Client.PatchAsJsonAsync($"/api/products/{id}", new { price = 1 }, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(await anonymous.PatchAsJsonAsync($"/api/products/{id}", new { price = 1 }, Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await owner.Client.PatchAsJsonAsync($"/api/products/{id}", new { price = 0 }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "price");
        await Problems.AssertAsync(await owner.Client.PatchAsJsonAsync($"/api/products/{id}", new { categoryId = Guid.NewGuid() }, Ct), HttpStatusCode.NotFound, ErrorCodes.CategoryNotFound, "categoryId");
        await Problems.AssertAsync(await owner.Client.PatchAsJsonAsync($"/api/products/{Guid.NewGuid()}", new { price = 5 }, Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);

        var read = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct));
        Assert.Equal(1_250, read.GetProperty("price").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/categories/{category}", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task The_owner_restocks_and_writes_off_but_never_the_reserved_units()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var owner = await TestUsers.CreateAsync(factory, "seller");
        using var other = await TestUsers.CreateAsync(factory, "seller");
        var id = await CatalogSeed.ProductIdAsync(owner, await CatalogSeed.CategoryAsync(admin), stock: 5);

        var restocked = await Json.ReadAsync(await owner.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = 3 }, Ct));
        var reserved = await Grains.GetGrain<IProductStockGrain>(id).ReserveAsync("order-x", 6);
        var tooMuch = await Problems.AssertAsync(await owner.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = -3 }, Ct), HttpStatusCode.Conflict, ErrorCodes.StockBelowReserved, "delta");
        var writtenOff = await Json.ReadAsync(await owner.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = -2 }, Ct));
        await Problems.AssertAsync(await owner.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = long.MinValue }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "delta");
        using var anonymous = factory.CreateClient();
        var read = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct));

        Assert.Equal(8, restocked.GetProperty("available").GetInt64());
        Assert.True(reserved.Succeeded);
        Assert.Equal(2, tooMuch.GetProperty("available").GetInt64());
        Assert.Equal(6, tooMuch.GetProperty("reserved").GetInt64());
        Assert.Equal(0, writtenOff.GetProperty("available").GetInt64());
        Assert.Equal(6, writtenOff.GetProperty("reserved").GetInt64());
        Assert.Equal(2, writtenOff.GetProperty("writtenOff").GetInt64());
        Assert.Equal(8, writtenOff.GetProperty("received").GetInt64());
        Assert.True(writtenOff.GetProperty("conserved").GetBoolean());
        Assert.Equal(0, read.GetProperty("stock").GetInt64());

        await Problems.AssertAsync(await owner.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = 0 }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "delta");
        await Problems.AssertAsync(await other.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = 1 }, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(await owner.Client.PostAsJsonAsync($"/api/products/{Guid.NewGuid()}/stock", new { delta = 1 }, Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
    }

    [Fact]
    public async Task An_archived_product_is_gone_for_buyers_search_and_changes()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var owner = await TestUsers.CreateAsync(factory, "seller");
        using var other = await TestUsers.CreateAsync(factory, "seller");
        using var anonymous = factory.CreateClient();
        var category = await CatalogSeed.CategoryAsync(admin);
        var id = await CatalogSeed.ProductIdAsync(owner, category);

        await Problems.AssertAsync(await other.Client.DeleteAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct)).StatusCode);

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        Assert.Equal(ErrorCodes.ProductUnavailable, (await Grains.GetGrain<IProductStockGrain>(id).ReserveAsync("after-archive", 1)).Error?.Code);
        var own = await Json.ReadAsync(await owner.Client.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct));
        Assert.Equal("archived", own.GetProperty("status").GetString());
        var search = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/products?category_id={category}", UriKind.Relative), Ct));
        Assert.Empty(search.GetProperty("items").EnumerateArray());
        await Problems.AssertAsync(await owner.Client.PatchAsJsonAsync($"/api/products/{id}", new { price = 5 }, Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        await Problems.AssertAsync(await owner.Client.PostAsJsonAsync($"/api/products/{id}/stock", new { delta = 1 }, Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        await Problems.AssertAsync(await owner.Client.DeleteAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/products/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.ProductNotFound);
        await Problems.AssertAsync(await anonymous.DeleteAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task An_admin_archives_any_product_and_moderating_an_active_one_is_refused()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var owner = await TestUsers.CreateAsync(factory, "seller");
        var id = await CatalogSeed.ProductIdAsync(owner, await CatalogSeed.CategoryAsync(admin));

        await Problems.AssertAsync(await admin.Client.PostAsync(new Uri($"/api/admin/products/{id}/approve", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, ErrorCodes.ProductNotPending);
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync($"/api/admin/products/{id}/reject", new { reason = "late" }, Ct), HttpStatusCode.Conflict, ErrorCodes.ProductNotPending);
        await Problems.AssertAsync(await owner.Client.PostAsync(new Uri($"/api/admin/products/{id}/approve", UriKind.Relative), null, Ct), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/products/{id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(ProductStatus.Archived, (await Grains.GetGrain<IProductGrain>(id).GetAsync())!.Status);
    }
}
