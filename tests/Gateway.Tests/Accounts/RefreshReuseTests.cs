using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>
/// Refresh-token reuse ends a session family only when the secret presented is one the family really issued, and not
/// when the token spent a moment ago comes back from a second tab within the grace
/// (<c>GRAINMARKET_REFRESH_GRACE_SECONDS</c>). The grace is set to none or to an hour, so no test depends on timing.
/// </summary>
public sealed class RefreshReuseTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_forged_generation_zero_token_for_a_real_session_is_refused_and_the_session_lives()
    {
        using var victim = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var login = await LoginAsync(client, victim);
        var parts = login.GetProperty("refreshToken").GetString()!.Split('.');

        // The session id is no secret (it is the access token's sid claim); the refresh secret is.
        var forged = $"{parts[0]}.{parts[1]}.0.AAAA";
        await Problems.AssertAsync(await RefreshAsync(client, forged), HttpStatusCode.Unauthorized, "invalid-refresh-token");

        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(client, login.GetProperty("accessToken").GetString())).StatusCode);
        await Json.ReadAsync(await RefreshAsync(client, login.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task A_spent_token_presented_after_the_grace_ends_the_family()
    {
        await using var gateway = new GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_REFRESH_GRACE_SECONDS"] = "0" });
        using var user = await TestUsers.CreateAsync(gateway);
        using var client = gateway.CreateClient();
        var first = (await LoginAsync(client, user)).GetProperty("refreshToken").GetString();
        var rotated = await Json.ReadAsync(await RefreshAsync(client, first));

        await Problems.AssertAsync(await RefreshAsync(client, first), HttpStatusCode.Unauthorized, "invalid-refresh-token");

        await Problems.AssertAsync(await RefreshAsync(client, rotated.GetProperty("refreshToken").GetString()), HttpStatusCode.Unauthorized, "invalid-refresh-token");
        await Problems.AssertAsync(await GetMeAsync(client, rotated.GetProperty("accessToken").GetString()), HttpStatusCode.Unauthorized, "session-ended");
    }

    [Fact]
    public async Task Two_tabs_refreshing_with_the_same_token_within_the_grace_both_carry_on()
    {
        await using var gateway = new GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_REFRESH_GRACE_SECONDS"] = "3600" });
        using var user = await TestUsers.CreateAsync(gateway);
        using var client = gateway.CreateClient();
        var shared = (await LoginAsync(client, user)).GetProperty("refreshToken").GetString();

        var tabA = await Json.ReadAsync(await RefreshAsync(client, shared));
        var tabB = await Json.ReadAsync(await RefreshAsync(client, shared));

        Assert.NotEqual(tabA.GetProperty("refreshToken").GetString(), tabB.GetProperty("refreshToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(client, tabA.GetProperty("accessToken").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(client, tabB.GetProperty("accessToken").GetString())).StatusCode);

        // Tab B holds the newest pair and tab A the one spent just before it, and so on as they take turns.
        var laterA = await Json.ReadAsync(await RefreshAsync(client, tabA.GetProperty("refreshToken").GetString()));
        var laterB = await Json.ReadAsync(await RefreshAsync(client, tabB.GetProperty("refreshToken").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(client, laterA.GetProperty("accessToken").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(client, laterB.GetProperty("accessToken").GetString())).StatusCode);

        // The grace covers only the token spent last: the shared one, three rotations old now, ends the family.
        await Problems.AssertAsync(await RefreshAsync(client, shared), HttpStatusCode.Unauthorized, "invalid-refresh-token");
        await Problems.AssertAsync(await GetMeAsync(client, laterA.GetProperty("accessToken").GetString()), HttpStatusCode.Unauthorized, "session-ended");
    }

    private static async Task<JsonElement> LoginAsync(HttpClient client, TestUser user) =>
        await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct));

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string? refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, Ct);

    private static Task<HttpResponseMessage> GetMeAsync(HttpClient client, string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.SendAsync(request, Ct);
    }
}
