using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>
/// The credential endpoints' rate limits: a bucket per operation and client address (the address forwarded by a
/// trusted proxy only) and one per operation and account. Each test has a gateway of its own with small limits.
/// </summary>
public sealed class RateLimitTests
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEmail() => $"rl-{Guid.NewGuid():N}@grainmarket.test";

    [Fact]
    public async Task Password_changes_share_the_login_limit_per_address_and_answer_429_with_Retry_After_past_it()
    {
        await using var gateway = new PeerAddressFactory(new Dictionary<string, string> { ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "3" });
        using var user = await TestUsers.CreateAsync(gateway);
        for (var i = 0; i < 3; i++)
        {
            await Problems.AssertAsync(await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = $"guess number {i}", newPassword = "a brand new passphrase" }, Ct), HttpStatusCode.Forbidden, "current-password-wrong", "currentPassword");
        }

        var refused = await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = user.Password, newPassword = "a brand new passphrase" }, Ct);

        await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Each_operation_has_a_bucket_of_its_own()
    {
        await using var gateway = new PeerAddressFactory(new Dictionary<string, string> { ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "3" });
        using var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await Problems.AssertAsync(await LoginAsync(client, NewEmail(), null), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        await Problems.AssertAsync(await LoginAsync(client, NewEmail(), null), HttpStatusCode.TooManyRequests, "too-many-attempts");

        // Logins used up, from the same address: registering, refreshing and asking for a reset still get through.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = Password, displayName = "Reg" }, Ct)).StatusCode);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = $"{Guid.NewGuid():N}.sid.1.secret" }, Ct), HttpStatusCode.Unauthorized, "invalid-refresh-token");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = NewEmail() }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_a_trusted_proxy_X_Forwarded_For_is_ignored_and_two_claimed_addresses_share_one_bucket()
    {
        await using var gateway = new PeerAddressFactory(new Dictionary<string, string> { ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "3" });
        using var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await Problems.AssertAsync(await LoginAsync(client, NewEmail(), "198.51.100.1"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        await Problems.AssertAsync(await LoginAsync(client, NewEmail(), "198.51.100.2"), HttpStatusCode.TooManyRequests, "too-many-attempts");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_address_has_a_bucket_of_its_own()
    {
        await using var gateway = new PeerAddressFactory(new Dictionary<string, string>
        {
            ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "3",
            ["GRAINMARKET_TRUSTED_PROXIES"] = $"203.0.113.0/24, {PeerAddressFactory.Peer}",
        });
        using var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await Problems.AssertAsync(await LoginAsync(client, NewEmail(), "198.51.100.1"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        await Problems.AssertAsync(await LoginAsync(client, NewEmail(), "198.51.100.1"), HttpStatusCode.TooManyRequests, "too-many-attempts");
        await Problems.AssertAsync(await LoginAsync(client, NewEmail(), "198.51.100.2"), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task One_account_guessed_at_from_many_addresses_is_limited_by_its_own_bucket()
    {
        await using var gateway = new PeerAddressFactory(new Dictionary<string, string>
        {
            ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "100",
            ["GRAINMARKET_ACCOUNT_LIMIT_PER_MINUTE"] = "3",
            ["GRAINMARKET_TRUSTED_PROXIES"] = PeerAddressFactory.Peer.ToString(),
        });
        using var client = gateway.CreateClient();
        var victim = NewEmail();
        for (var i = 1; i <= 3; i++)
        {
            await Problems.AssertAsync(await LoginAsync(client, victim, $"198.51.100.{i}"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        // A fourth address, and the address written another way: the account's bucket is empty.
        var refused = await LoginAsync(client, " " + victim.ToUpperInvariant(), "198.51.100.4");
        await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.True(refused.Headers.Contains("Retry-After"));

        // Another account, from the same fourth address, is not affected.
        await Problems.AssertAsync(await LoginAsync(client, NewEmail(), "198.51.100.4"), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password = Password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request, Ct);
    }
}
