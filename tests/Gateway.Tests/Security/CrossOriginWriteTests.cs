using System.Net;
using System.Net.Http.Json;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>Issue #24, item 11: a write sent with the session cookies must come from this gateway's origin or a configured one.</summary>
public sealed class CrossOriginWriteTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://evil.example.net", null)]
    [InlineData("null", null)]
    [InlineData("http://localhost:8081", null)]
    [InlineData("http://localhost.evil.example.net", null)]
    [InlineData(null, "https://evil.example.net/cancel-their-order.html")]
    [InlineData(null, null)]
    public async Task A_cookie_authenticated_write_from_another_origin_is_refused_with_403_and_changes_nothing(string? origin, string? referer)
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient(new() { HandleCookies = false });
        var cookie = await CookieLoginAsync(client, user);

        var response = await client.SendAsync(Rename(cookie, "Renamed from elsewhere", origin, referer), Ct);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "cross-origin-write", "Origin");
        Assert.Equal("Test buyer", await DisplayNameAsync(user));
    }

    [Theory]
    [InlineData("http://localhost", null)]
    [InlineData("https://localhost", null)]
    [InlineData(null, "http://localhost/shop/settings")]
    public async Task A_cookie_authenticated_write_from_the_gateway_s_own_host_is_applied_over_either_scheme(string? origin, string? referer)
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient(new() { HandleCookies = false });
        var cookie = await CookieLoginAsync(client, user);

        var response = await client.SendAsync(Rename(cookie, "Renamed at home", origin, referer), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed at home", await DisplayNameAsync(user));
    }

    [Fact]
    public async Task A_cookie_authenticated_write_from_a_configured_origin_is_applied_and_another_is_not()
    {
        await using var configured = new GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_CORS_ORIGINS"] = "https://shop.example.com" });
        using var user = await TestUsers.CreateAsync(configured);
        using var client = configured.CreateClient(new() { HandleCookies = false });
        var cookie = await CookieLoginAsync(client, user);

        var allowed = await client.SendAsync(Rename(cookie, "Renamed in the shop", "https://shop.example.com", null), Ct);
        var refused = await client.SendAsync(Rename(cookie, "Renamed next door", "https://shop.example.com.evil.example.net", null), Ct);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await Problems.AssertAsync(refused, HttpStatusCode.Forbidden, "cross-origin-write", "Origin");
        Assert.Equal("Renamed in the shop", await DisplayNameAsync(user));
    }

    [Fact]
    public async Task A_bearer_authenticated_write_needs_no_Origin()
    {
        using var user = await TestUsers.CreateAsync(factory);

        var response = await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "Renamed by an app" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed by an app", await DisplayNameAsync(user));
    }

    /// <summary>Logs <paramref name="user"/> in with <c>?use_cookies=true</c> and returns the access cookie as a <c>Cookie</c> header value.</summary>
    private static async Task<string> CookieLoginAsync(HttpClient client, TestUser user)
    {
        var login = await client.PostAsJsonAsync("/api/auth/login?use_cookies=true", new { email = user.Email, password = user.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(AuthCookies.Access + "=", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Rename(string cookie, string displayName, string? origin, string? referer)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/me") { Content = JsonContent.Create(new { displayName }) };
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        return request;
    }

    private static async Task<string?> DisplayNameAsync(TestUser user) =>
        (await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct))).GetProperty("displayName").GetString();
}
