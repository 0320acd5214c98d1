using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// How access tokens are signed and checked (RFC 8725): HMAC-SHA256 with a key from <c>GRAINMARKET_JWT_KEY</c>
/// (at least 32 bytes), the algorithm pinned, issuer, audience and lifetime validated, a clock skew of at most 30
/// seconds and a lifetime of at most 15 minutes.
/// </summary>
public sealed class JwtSettings
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public JwtSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration["GRAINMARKET_JWT_KEY"];
        if (string.IsNullOrEmpty(key))
        {
            // Tokens signed with a key made up at start-up die with the process and are not shared with other gateways.
            KeyIsEphemeral = true;
            SigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("GRAINMARKET_JWT_KEY must be at least 32 bytes long (HMAC-SHA256 needs a 256-bit key).");
            }

            SigningKey = new SymmetricSecurityKey(bytes);
        }

        Issuer = configuration["GRAINMARKET_JWT_ISSUER"] is { Length: > 0 } issuer ? issuer : "grainmarket";
        Audience = configuration["GRAINMARKET_JWT_AUDIENCE"] is { Length: > 0 } audience ? audience : "grainmarket-api";
        var minutes = configuration.GetValue<double?>("GRAINMARKET_ACCESS_TOKEN_MINUTES") ?? 15;
        AccessTokenLifetime = TimeSpan.FromMinutes(minutes);
        if (AccessTokenLifetime <= TimeSpan.Zero || AccessTokenLifetime > MaxAccessTokenLifetime)
        {
            throw new InvalidOperationException("GRAINMARKET_ACCESS_TOKEN_MINUTES must be more than 0 and at most 15.");
        }
    }

    public SymmetricSecurityKey SigningKey { get; }

    public bool KeyIsEphemeral { get; }

    public string Issuer { get; }

    public string Audience { get; }

    public TimeSpan AccessTokenLifetime { get; }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [Algorithm],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = ClockSkew,
        NameClaimType = GrainMarketClaims.UserId,
        RoleClaimType = GrainMarketClaims.Roles,
    };
}
