using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

public sealed class AdminUsersTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_courier_and_finds_it_in_the_list()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var email = $"courier-{Guid.NewGuid():N}@grainmarket.test";

        var created = await Json.ReadAsync(await admin.Client.PostAsJsonAsync("/api/admin/users", new { email, password = "courier password", displayName = "Cory", roles = new[] { "courier" } }, Ct), HttpStatusCode.Created);
        var list = await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/users?q={email}&role=courier", UriKind.Relative), Ct));

        Assert.Equal("courier", created.GetProperty("activeRole").GetString());
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetGuid(), item.GetProperty("id").GetGuid());
        Assert.Equal(["courier"], item.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_user_list_pages_newest_first_with_a_cursor_that_repeats_nothing()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var user = await Json.ReadAsync(await admin.Client.PostAsJsonAsync("/api/admin/users", new { email = $"p{i}-{tag}@grainmarket.test", password = "paging password", displayName = $"P{i}" }, Ct), HttpStatusCode.Created);
            created.Add(user.GetProperty("id").GetGuid());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/users?q={tag}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"), UriKind.Relative), Ct));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task Blocking_a_user_stops_its_tokens_at_once_and_its_logins()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var user = await TestUsers.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct)).StatusCode);

        var blocked = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { blocked = true }, Ct));

        Assert.True(blocked.GetProperty("blocked").GetBoolean());
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "session-ended");
        using var client = factory.CreateClient();

        // The right password is refused as a wrong one would be: the answer tells nobody the account is blocked.
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");

        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { blocked = false }, Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_admin_grants_a_role_which_the_user_can_then_switch_to()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { roles = new[] { "buyer", "courier" } }, Ct));
        using var again = await TestUsers.LoginAsync(factory, user.Email, user.Password);
        var pair = await Json.ReadAsync(await again.Client.PostAsJsonAsync("/api/me/active-role", new { role = "courier" }, Ct));

        Assert.Equal("courier", pair.GetProperty("user").GetProperty("activeRole").GetString());
    }

    [Fact]
    public async Task Admin_endpoints_refuse_anonymous_callers_with_401_and_other_roles_with_403()
    {
        using var anonymous = factory.CreateClient();
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/admin/users", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        var refused = await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri("/api/admin/users", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");

        // The 403 says what the operation needs and what the caller has.
        Assert.Equal(["admin"], refused.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("buyer", refused.GetProperty("activeRole").GetString());
        await Problems.AssertAsync(await buyer.Client.PatchAsJsonAsync($"/api/admin/users/{buyer.Id}", new { roles = new[] { "admin" } }, Ct), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_admin_cannot_block_themself_or_give_up_their_own_admin_role()
    {
        using var admin = await TestUsers.CreateAsync(factory, "admin");

        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{admin.Id}", new { blocked = true }, Ct), HttpStatusCode.Conflict, "self-lockout", "blocked");
        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{admin.Id}", new { roles = new[] { "buyer" } }, Ct), HttpStatusCode.Conflict, "self-lockout", "roles");

        // Nothing changed, and what keeps the admin role is still allowed.
        var me = await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{admin.Id}", new { roles = new[] { "admin", "seller" } }, Ct));
        Assert.False(me.GetProperty("blocked").GetBoolean());
        Assert.Equal(["admin", "seller"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_exactly_one_admin()
    {
        for (var round = 0; round < 5; round++)
        {
            using var a = await TestUsers.CreateAsync(factory, "admin");
            using var b = await TestUsers.CreateAsync(factory, "admin");

            var answers = await Task.WhenAll(
                a.Client.PatchAsJsonAsync($"/api/admin/users/{b.Id}", new { roles = new[] { "buyer" } }, Ct),
                b.Client.PatchAsJsonAsync($"/api/admin/users/{a.Id}", new { roles = new[] { "buyer" } }, Ct));

            // One demotion lands; the other admin had lost the role by the time theirs was decided: refused as no longer an
            // admin (403), or, when the demotion landed before the request was authenticated, as a session whose active
            // role (admin) is gone (401).
            Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Contains(answers.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
            using var root = await TestUsers.AdminAsync(factory);
            var admins = 0;
            foreach (var user in new[] { a, b })
            {
                var view = await Json.ReadAsync(await root.Client.GetAsync(new Uri($"/api/admin/users?q={user.Email}", UriKind.Relative), Ct));
                admins += Assert.Single(view.GetProperty("items").EnumerateArray()).GetProperty("roles").EnumerateArray().Count(r => r.GetString() == "admin");
            }

            Assert.Equal(1, admins);
        }
    }

    [Fact]
    public async Task An_admin_cannot_give_an_unknown_role()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var user = await TestUsers.CreateAsync(factory);

        await Problems.AssertAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { roles = new[] { "emperor" } }, Ct), HttpStatusCode.BadRequest, "validation-failed", "roles");
    }
}
