using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Catalog;

public sealed class CategoriesApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_builds_a_tree_that_anyone_reads_nested()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var rootName = CatalogSeed.UniqueName("root");
        var root = await CatalogSeed.CategoryAsync(admin, name: rootName);
        var child = await CatalogSeed.CategoryAsync(admin, root, "b-child");
        var sibling = await CatalogSeed.CategoryAsync(admin, root, "a-child");
        var grandchild = await CatalogSeed.CategoryAsync(admin, child, "grandchild");
        using var anonymous = factory.CreateClient();

        var node = FindNode(await TreeAsync(anonymous), root);

        Assert.NotNull(node);
        Assert.Equal(rootName, node.Value.GetProperty("name").GetString());
        var children = node.Value.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal([sibling, child], children.Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(grandchild, Assert.Single(children[1].GetProperty("children").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty(children[0].GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task Renaming_and_moving_a_category_changes_the_tree_and_null_makes_it_a_root()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var first = await CatalogSeed.CategoryAsync(admin);
        var second = await CatalogSeed.CategoryAsync(admin);
        var moving = await CatalogSeed.CategoryAsync(admin, first);

        var moved = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{moving}", new { name = "renamed", parentId = second }, Ct));
        var tree = await TreeAsync(admin.Client);

        Assert.Equal("renamed", moved.GetProperty("name").GetString());
        Assert.Equal(second, moved.GetProperty("parentId").GetGuid());
        Assert.Empty(FindNode(tree, first)!.Value.GetProperty("children").EnumerateArray());
        Assert.Equal(moving, Assert.Single(FindNode(tree, second)!.Value.GetProperty("children").EnumerateArray()).GetProperty("id").GetGuid());

        // A unique name: it becomes a root below, where sibling names must differ.
        var renamedOnly = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{moving}", new { name = CatalogSeed.UniqueName("again") }, Ct));
        Assert.Equal(second, renamedOnly.GetProperty("parentId").GetGuid());

        using var toRoot = JsonContent.Create(JsonDocument.Parse("""{"parentId":null}""").RootElement);
        var root = await Json.ReadAsync(await admin.Client.PatchAsync(new Uri($"/api/admin/categories/{moving}", UriKind.Relative), toRoot, Ct));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("parentId").ValueKind);
        Assert.NotNull(FindNode(await TreeAsync(admin.Client), moving, rootsOnly: true));
    }

    [Fact]
    public async Task A_category_cannot_move_under_itself_or_its_descendants()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var root = await CatalogSeed.CategoryAsync(admin);
        var child = await CatalogSeed.CategoryAsync(admin, root);
        var grandchild = await CatalogSeed.CategoryAsync(admin, child);

        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{root}", new { parentId = grandchild }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "parentId");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{root}", new { parentId = root }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "parentId");

        Assert.Equal(child, Assert.Single(FindNode(await TreeAsync(admin.Client), root)!.Value.GetProperty("children").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Only_an_empty_category_can_be_deleted()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var parent = await CatalogSeed.CategoryAsync(admin);
        var child = await CatalogSeed.CategoryAsync(admin, parent);
        var product = await CatalogSeed.ProductIdAsync(seller, child);

        var withChild = await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/categories/{parent}", UriKind.Relative), Ct), HttpStatusCode.Conflict, ErrorCodes.CategoryNotEmpty);
        var withProduct = await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/categories/{child}", UriKind.Relative), Ct), HttpStatusCode.Conflict, ErrorCodes.CategoryNotEmpty);
        Assert.Equal(1, withChild.GetProperty("children").GetInt32());
        Assert.Equal(1, withProduct.GetProperty("products").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Client.DeleteAsync(new Uri($"/api/products/{product}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/categories/{child}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(new Uri($"/api/admin/categories/{parent}", UriKind.Relative), Ct)).StatusCode);

        Assert.Null(FindNode(await TreeAsync(admin.Client), parent));
        await Problems.AssertAsync(await admin.Client.DeleteAsync(new Uri($"/api/admin/categories/{parent}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.CategoryNotFound);
    }

    [Fact]
    public async Task Bad_names_and_unknown_parents_are_refused()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var existing = await CatalogSeed.CategoryAsync(admin);

        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = " " }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "name");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = new string('n', 101) }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "name");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = "orphan", parentId = Guid.NewGuid() }, Ct), HttpStatusCode.NotFound, ErrorCodes.CategoryNotFound, "parentId");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{existing}", new { parentId = "not-an-id" }, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "parentId");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{Guid.NewGuid()}", new { name = "x" }, Ct), HttpStatusCode.NotFound, ErrorCodes.CategoryNotFound);
    }

    [Fact]
    public async Task Siblings_cannot_share_a_name_whatever_its_case_while_cousins_can()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var (men, women) = (await CatalogSeed.CategoryAsync(admin), await CatalogSeed.CategoryAsync(admin));
        var shoes = await CatalogSeed.CategoryAsync(admin, men, "Shoes");
        var womensShoes = await CatalogSeed.CategoryAsync(admin, women, "Shoes");
        var boots = await CatalogSeed.CategoryAsync(admin, men, "Boots");

        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = "SHOES", parentId = men }, Ct), HttpStatusCode.Conflict, ErrorCodes.CategoryNameTaken, "name");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{boots}", new { name = "shoes" }, Ct), HttpStatusCode.Conflict, ErrorCodes.CategoryNameTaken, "name");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{womensShoes}", new { parentId = men }, Ct), HttpStatusCode.Conflict, ErrorCodes.CategoryNameTaken, "name");

        // Renaming a category to its own name (another case) is no clash, and nothing refused above changed the tree.
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{shoes}", new { name = "shoes" }, Ct)).StatusCode);
        using var anonymous = factory.CreateClient();
        var tree = await TreeAsync(anonymous);
        Assert.Equal(["Boots", "shoes"], FindNode(tree, men)!.Value.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["Shoes"], FindNode(tree, women)!.Value.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Only_admins_change_categories()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var anonymous = factory.CreateClient();
        var category = await CatalogSeed.CategoryAsync(admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/admin/categories", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.PostAsJsonAsync("/api/admin/categories", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.Client.PatchAsJsonAsync($"/api/admin/categories/{category}", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.Client.DeleteAsync(new Uri($"/api/admin/categories/{category}", UriKind.Relative), Ct)).StatusCode);
        Assert.NotNull(FindNode(await TreeAsync(anonymous), category));
    }

    private static async Task<JsonElement> TreeAsync(HttpClient client) =>
        await Json.ReadAsync(await client.GetAsync(new Uri("/api/categories", UriKind.Relative), Ct));

    private static JsonElement? FindNode(JsonElement nodes, Guid id, bool rootsOnly = false)
    {
        foreach (var node in nodes.EnumerateArray())
        {
            if (node.GetProperty("id").GetGuid() == id)
            {
                return node;
            }

            if (!rootsOnly && FindNode(node.GetProperty("children"), id) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
