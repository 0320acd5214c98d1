using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>Requests are authorized by the roles the account holds now, not by the roles its token was signed with.</summary>
public sealed class CurrentRolesTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demoted_admin_loses_admin_endpoints_on_the_next_request_with_the_token_they_hold()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var demoted = await TestUsers.CreateAsync(factory, "buyer", "admin");
        using var other = await TestUsers.CreateAsync(factory, "buyer", "admin");
        Assert.Equal(HttpStatusCode.OK, (await demoted.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct)).StatusCode);

        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{demoted.Id}", new { roles = new[] { "buyer" } }, Ct));

        await Problems.AssertAsync(await demoted.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await demoted.Client.PatchAsJsonAsync($"/api/admin/users/{demoted.Id}", new { roles = new[] { "buyer", "admin" } }, Ct), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await demoted.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_role_granted_by_an_admin_counts_on_the_next_request_and_a_block_ends_every_request()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");

        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { roles = new[] { "buyer", "admin" } }, Ct));
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct)).StatusCode);

        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { blocked = true }, Ct));
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "session-ended");
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "session-ended");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct)).StatusCode);
    }
}
