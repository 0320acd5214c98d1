using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>
/// Login answers must not tell which addresses have accounts, or which accounts are locked or blocked: the answers
/// compared here are equal in status, headers (but <c>Date</c>) and body (but the per-request <c>traceId</c>).
/// </summary>
public sealed class EnumerationTests(MarketplaceFactory factory)
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_locked_account_answers_a_login_exactly_as_an_unknown_address_after_the_same_password_work()
    {
        // A silo of its own: nobody else's logins run on its hasher while the test counts.
        await using var alone = new GatewayFactory(postgres: false, new Dictionary<string, string>());
        var hasher = alone.Services.GetRequiredService<GrainMarket.Accounts.PasswordHasher>();
        using var user = await TestUsers.CreateAsync(alone);
        using var client = alone.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = $"guess number {i}" }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        async Task<(string Answer, long Work)> LoginAsync(string email)
        {
            var before = hasher.Derivations;
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct);
            return (await DescribeAsync(response), hasher.Derivations - before);
        }

        var locked = await LoginAsync(user.Email);
        var unknown = await LoginAsync($"nobody-{Guid.NewGuid():N}@grainmarket.test");

        Assert.Equal(unknown.Answer, locked.Answer);
        Assert.Equal((1L, 1L), (unknown.Work, locked.Work));
        Assert.StartsWith("401 ", locked.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocked_account_answers_the_right_password_exactly_as_a_wrong_one()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var admin = await TestUsers.AdminAsync(factory);
        using var client = factory.CreateClient();
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { blocked = true }, Ct));

        using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" }, Ct);
        using var right = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);

        Assert.Equal(await DescribeAsync(wrong), await DescribeAsync(right));
        await Problems.AssertAsync(right, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    /// <summary>Status, headers but <c>Date</c>, and the body without its <c>traceId</c>, as one text.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").Select(h => $"{h.Key}: {string.Join(',', h.Value)}").Order(StringComparer.Ordinal);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {string.Join('\n', headers)}\n{body.ToJsonString()}";
    }
}
