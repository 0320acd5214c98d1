using System.Security.Claims;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated user's id (endpoints that call this require authentication).</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(GrainMarketClaims.UserId) ?? throw new InvalidOperationException("The request is not authenticated."));

    public static string SessionId(this ClaimsPrincipal user) => user.FindFirstValue(GrainMarketClaims.SessionId) ?? "";

    public static string ActiveRole(this ClaimsPrincipal user) => user.FindFirstValue(GrainMarketClaims.ActiveRole) ?? "";

    /// <summary>Admins keep admin rights whatever their active role.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasClaim(GrainMarketClaims.Roles, Roles.Admin);
}
