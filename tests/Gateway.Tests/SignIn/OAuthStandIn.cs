using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GrainMarket.Gateway.Tests.SignIn;

/// <summary>
/// A local OAuth 2.0 and OpenID Connect authorization server on a loopback port (a real Kestrel server): discovery,
/// JWKS, <c>/authorize</c> (approves the configured <see cref="User"/> at once and redirects with code and state, or
/// posts them back as a form when asked to), <c>/token</c> (checks the client's secret, the redirect URI and the PKCE
/// verifier; each code is good once), <c>/userinfo</c> (OpenID Connect's claims, Facebook's <c>id</c> and X's <c>data</c> object beside them),
/// and id_tokens signed RS256 carrying the nonce. It keeps what it refused, for assertions.
/// </summary>
public sealed class OAuthStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, StandInUser> _accessTokens = new();

    private OAuthStandIn(WebApplication app) => _app = app;

    public const string ClientId = "grainmarket-test";

    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The user the next <c>/authorize</c> approves.</summary>
    public StandInUser User { get; set; } = StandInUser.New();

    /// <summary>Why each refused token request was refused (<c>invalid_grant: code already used</c>…).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<OAuthStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new OAuthStandIn(builder.Build());
        standIn.Map();
        await standIn._app.StartAsync(cancellationToken);
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["userinfo_endpoint"] = $"{Issuer}/userinfo",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var parameters = _key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
        _app.MapGet("/userinfo", (HttpRequest request) =>
            AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Scheme == "Bearer" && _accessTokens.TryGetValue(header.Parameter ?? "", out var user)
                ? Results.Json(new { sub = user.Subject, id = user.Subject, email = user.Email, email_verified = user.EmailVerified, name = user.Name, data = new { id = user.Subject, name = user.Name, username = "ext_ernal" } })
                : Results.Json(new { error = "invalid_token" }, statusCode: StatusCodes.Status401Unauthorized));
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        if (query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "PKCE (S256) is required." });
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Grant(query["redirect_uri"]!, query["code_challenge"]!, query["nonce"], query["scope"].ToString().Split(' ').Contains("openid"), User);
        var redirect = query["redirect_uri"].ToString();
        if (query["response_mode"] == "form_post")
        {
            var html = $"""
                <html><body onload="document.forms[0].submit()"><form method="post" action="{HtmlEncoder.Default.Encode(redirect)}">
                <input type="hidden" name="code" value="{HtmlEncoder.Default.Encode(code)}"/>
                <input type="hidden" name="state" value="{HtmlEncoder.Default.Encode(query["state"].ToString())}"/>
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        }

        return Results.Redirect($"{redirect}{(redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, clientSecret) = ((string?)form["client_id"], (string?)form["client_secret"]);
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var basic) && basic.Scheme == "Basic")
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter ?? "")).Split(':', 2);
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[^1]));
        }

        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Refuse("invalid_client", "wrong client secret", StatusCodes.Status401Unauthorized);
        }

        if (form["grant_type"] != "authorization_code")
        {
            return Refuse("unsupported_grant_type", "only authorization_code");
        }

        // Removed on first use: a replayed code finds nothing.
        if (!_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse("invalid_grant", "code unknown or already used");
        }

        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return Refuse("invalid_grant", "redirect_uri differs from the authorization request's");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length == 0 || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.CodeChallenge)
        {
            return Refuse("invalid_grant", "PKCE code_verifier does not match the code_challenge");
        }

        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _accessTokens[accessToken] = grant.User;
        var answer = new Dictionary<string, object> { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 3600 };
        if (grant.OpenId)
        {
            answer["id_token"] = IdToken(grant);
        }

        return Results.Json(answer);
    }

    private string IdToken(Grant grant)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.User.Subject,
            ["email"] = grant.User.Email,
            ["email_verified"] = grant.User.EmailVerified,
            ["name"] = grant.User.Name,
        };
        if (grant.Nonce is { Length: > 0 } nonce)
        {
            claims["nonce"] = nonce;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult Refuse(string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        Refusals.Enqueue($"{error}: {description}");
        return Results.Json(new { error, error_description = description }, statusCode: status);
    }

    private sealed record Grant(string RedirectUri, string CodeChallenge, string? Nonce, bool OpenId, StandInUser User);
}
