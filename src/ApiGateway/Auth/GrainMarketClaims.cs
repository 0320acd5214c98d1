namespace GrainMarket.ApiGateway.Auth;

/// <summary>The claims of a GrainMarket access token.</summary>
public static class GrainMarketClaims
{
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string Stamp = "stamp";
    public const string ActiveRole = "role";
    public const string Roles = "roles";
}
