using System.Security.Claims;
using GrainMarket.Accounts;
using Orleans;

namespace GrainMarket.ApiGateway.Auth;

public static class Sessions
{
    /// <summary>
    /// Whether the session of a signed token still stands (its user grain decides: not logged out, the account not
    /// blocked, the password not changed since, the active role still held). Checked on every request, and again on
    /// every bid of a long-lived WebSocket, whose token was checked only when it connected.
    /// </summary>
    public static async Task<bool> IsLiveAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(grains);
        var stamp = user.FindFirst(GrainMarketClaims.Stamp)?.Value ?? "";
        return Guid.TryParse(user.FindFirst(GrainMarketClaims.UserId)?.Value, out var userId)
            && await grains.GetGrain<IUserGrain>(userId).CheckSessionAsync(user.SessionId(), stamp, user.ActiveRole());
    }
}
