using System.Security.Claims;
using GrainMarket.Accounts;
using Orleans;

namespace GrainMarket.ApiGateway.Auth;

public static class Sessions
{
    /// <summary>
    /// Whether the session of a signed token still stands (its user grain decides: not logged out, the account not
    /// blocked, the password not changed since, the active role still held). Checked on every bid of a long-lived
    /// WebSocket, whose token was checked only when it connected.
    /// </summary>
    public static async Task<bool> IsLiveAsync(ClaimsPrincipal user, IGrainFactory grains) => await CurrentRolesAsync(user, grains) is not null;

    /// <summary>
    /// The account's roles as they are now if the session of a signed token still stands (as <see cref="IsLiveAsync"/>),
    /// null otherwise: one grain call, made on every request.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> CurrentRolesAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(grains);
        var stamp = user.FindFirst(GrainMarketClaims.Stamp)?.Value ?? "";
        return Guid.TryParse(user.FindFirst(GrainMarketClaims.UserId)?.Value, out var userId)
            ? await grains.GetGrain<IUserGrain>(userId).CheckSessionRolesAsync(user.SessionId(), stamp, user.ActiveRole())
            : null;
    }

    /// <summary>
    /// Replaces the <c>roles</c> claims of a verified token with the account's current roles, so that policies and
    /// <see cref="ClaimsPrincipalExtensions.IsAdmin"/> see a demotion at once, not when the token expires.
    /// </summary>
    public static void UseCurrentRoles(ClaimsPrincipal user, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var identity in user.Identities)
        {
            foreach (var signed in identity.FindAll(GrainMarketClaims.Roles).ToList())
            {
                identity.RemoveClaim(signed);
            }
        }

        if (user.Identity is ClaimsIdentity authenticated)
        {
            authenticated.AddClaims(roles.Select(role => new Claim(GrainMarketClaims.Roles, role)));
        }
    }
}
