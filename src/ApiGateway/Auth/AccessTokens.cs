using System.Security.Claims;
using GrainMarket.Accounts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>Signs access tokens for sessions the user grains open, and answers with the token pair.</summary>
public sealed class AccessTokens(JwtSettings settings, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenPair Issue(SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [GrainMarketClaims.SessionId] = grant.SessionId,
            [GrainMarketClaims.Stamp] = grant.Stamp,
            [GrainMarketClaims.ActiveRole] = grant.User.ActiveRole,
            [GrainMarketClaims.Roles] = grant.User.Roles.ToArray(),
        };
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(GrainMarketClaims.UserId, grant.User.Id.ToString())]),
            Claims = claims,
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, JwtSettings.Algorithm),
        });
        return new TokenPair(token, grant.RefreshToken, (int)settings.AccessTokenLifetime.TotalSeconds, grant.User);
    }
}
