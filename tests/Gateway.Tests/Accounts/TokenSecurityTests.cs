using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>Access tokens that must be refused (RFC 8725): each is a real user's token with one thing wrong.</summary>
public sealed class TokenSecurityTests(MarketplaceFactory factory)
{
    private const string TestKey = "test-signing-key-of-at-least-thirty-two-bytes";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Defects => ["none-algorithm", "wrong-key", "expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "unsigned-claims-changed"];

    [Fact]
    public async Task A_token_forged_the_right_way_is_accepted_so_the_refusals_below_mean_something()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var claims = Claims(user);

        var response = await GetMeAsync(Sign(claims, TestKey, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task A_defective_access_token_gets_401(string defect)
    {
        using var user = await TestUsers.CreateAsync(factory);
        var claims = Claims(user);
        var now = DateTime.UtcNow;
        var token = defect switch
        {
            "none-algorithm" => Unsigned(claims),
            "wrong-key" => Sign(claims, "another-key-that-is-also-thirty-two-bytes-long", now.AddMinutes(-1), now.AddMinutes(5)),
            "expired" => Sign(claims, TestKey, now.AddMinutes(-20), now.AddMinutes(-1)),
            "not-yet-valid" => Sign(claims, TestKey, now.AddMinutes(2), now.AddMinutes(10)),
            "wrong-issuer" => Sign(claims, TestKey, now.AddMinutes(-1), now.AddMinutes(5), issuer: "someone-else"),
            "wrong-audience" => Sign(claims, TestKey, now.AddMinutes(-1), now.AddMinutes(5), audience: "another-api"),
            _ => Tamper(Sign(claims, TestKey, now.AddMinutes(-1), now.AddMinutes(5))),
        };

        // The problem says what kind of refusal it is (expired: refresh; anything else: sign in again), never more.
        var problem = await Problems.AssertAsync(await GetMeAsync(token), HttpStatusCode.Unauthorized, defect == "expired" ? "token-expired" : "token-invalid");
        Assert.DoesNotContain("signature", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);
    }

    /// <summary>The claims of the user's real token, so that only the defect under test differs.</summary>
    private static Dictionary<string, object> Claims(TestUser user)
    {
        var real = new JsonWebToken(user.Client.DefaultRequestHeaders.Authorization!.Parameter);
        return new Dictionary<string, object>
        {
            ["sub"] = real.GetClaim("sub").Value,
            ["sid"] = real.GetClaim("sid").Value,
            ["stamp"] = real.GetClaim("stamp").Value,
            ["role"] = real.GetClaim("role").Value,
            ["roles"] = real.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToArray(),
        };
    }

    private static string Sign(Dictionary<string, object> claims, string key, DateTime notBefore, DateTime expires, string issuer = "grainmarket", string audience = "grainmarket-api") =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Subject = new ClaimsIdentity(),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    private static string Unsigned(Dictionary<string, object> claims)
    {
        var signed = Sign(claims, TestKey, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));
        var payload = signed.Split('.')[1];
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{payload}.";
    }

    /// <summary>Changes the active role in the payload and keeps the old signature.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"role\":\"buyer\"", "\"role\":\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
