using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

public sealed class ProfileTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_profile_change_is_kept_and_leaves_unnamed_fields_alone()
    {
        using var user = await TestUsers.CreateAsync(factory);

        await Json.ReadAsync(await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "Renamed", location = new { lat = 52.37, lng = 4.89, address = "Dam 1, Amsterdam" } }, Ct));
        var me = await Json.ReadAsync(await user.Client.PatchAsJsonAsync("/api/me", new { phone = "+31 20 123 4567", avatarUrl = "https://cdn.example.com/a.png" }, Ct));

        Assert.Equal("Renamed", me.GetProperty("displayName").GetString());
        Assert.Equal("+31 20 123 4567", me.GetProperty("phone").GetString());
        Assert.Equal(52.37, me.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal("Dam 1, Amsterdam", me.GetProperty("location").GetProperty("address").GetString());
        Assert.Equal("https://cdn.example.com/a.png", me.GetProperty("avatarUrl").GetString());
    }

    [Theory]
    [InlineData("""{"location":{"lat":91,"lng":0}}""", "location.lat")]
    [InlineData("""{"location":{"lat":0,"lng":-181}}""", "location.lng")]
    [InlineData("""{"phone":"call me maybe"}""", "phone")]
    [InlineData("""{"avatarUrl":"javascript:alert(1)"}""", "avatarUrl")]
    [InlineData("""{"displayName":"   "}""", "displayName")]
    public async Task A_bad_profile_change_is_refused_naming_the_field_and_changes_nothing(string patch, string field)
    {
        using var user = await TestUsers.CreateAsync(factory);
        var before = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));

        var response = await user.Client.PatchAsync(new Uri("/api/me", UriKind.Relative), new StringContent(patch, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "validation-failed", field);
        var after = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));
        Assert.Equal(before.ToString(), after.ToString());
    }

    [Fact]
    public async Task Switching_the_active_role_issues_tokens_for_it_and_retires_the_old_ones()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer", "seller");
        var oldToken = user.Client.DefaultRequestHeaders.Authorization!.Parameter;

        var pair = await Json.ReadAsync(await user.Client.PostAsJsonAsync("/api/me/active-role", new { role = "seller" }, Ct));

        Assert.Equal("seller", pair.GetProperty("user").GetProperty("activeRole").GetString());
        using var seller = factory.CreateClient();
        seller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.GetProperty("accessToken").GetString());
        var me = await Json.ReadAsync(await seller.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));
        Assert.Equal("seller", me.GetProperty("activeRole").GetString());

        using var stale = factory.CreateClient();
        stale.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
        var ended = await Problems.AssertAsync(await stale.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "session-ended");
        Assert.Contains("active role switched", ended.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_a_role_the_account_does_not_hold_is_forbidden()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        await Problems.AssertAsync(await user.Client.PostAsJsonAsync("/api/me/active-role", new { role = "seller" }, Ct), HttpStatusCode.Forbidden, "role-not-held", "role");
        await Problems.AssertAsync(await user.Client.PostAsJsonAsync("/api/me/active-role", new { role = "pirate" }, Ct), HttpStatusCode.BadRequest, "validation-failed", "role");
    }
}
