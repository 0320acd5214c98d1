using System.Net.WebSockets;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// What every live stream's endpoint checks before the upgrade, so that a refusal is a problem answer and never a
/// socket that closes at once: the sequence the watcher has, the page's origin, the feed, the upgrade itself and the address's socket cap.
/// </summary>
internal static class StreamRequests
{
    /// <summary>
    /// The sequence the watcher has (<c>?after=</c>, null if not given), or why the request may not stream from
    /// <paramref name="feed"/>: a malformed <paramref name="after"/>, another site's page, or no database.
    /// </summary>
    public static async Task<(ProblemHttpResult? Refusal, long? After)> CheckAsync(HttpContext http, ICorsPolicyProvider cors, EventFeed feed, string? after)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(feed);
        if (!PositionCursor.TryParse(after, out var afterSequence))
        {
            return (DomainProblems.Invalid("after", "must be a whole number of at least 0: the last sequence the watcher has"), null);
        }

        if (!await IsAllowedOriginAsync(http, cors))
        {
            return (DomainProblems.For(new DomainError(ErrorCodes.Forbidden, "Browsers may open the stream only from this site or an origin in GRAINMARKET_CORS_ORIGINS.")), null);
        }

        return feed.IsAvailable
            ? (null, afterSequence)
            : (DomainProblems.For(new DomainError(ErrorCodes.ReadModelUnavailable, "The live stream needs PostgreSQL (its events table and notifications); this instance runs in memory.")), null);
    }

    /// <summary>
    /// Upgrades the request and runs <paramref name="watch"/> on the socket until it ends, unless the request is no
    /// upgrade or its address already holds <see cref="UsageRateLimits.SocketsPerAddress"/> sockets (429).
    /// </summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> AcceptAsync(HttpContext http, UsageRateLimits limits, Func<WebSocket, Task> watch)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.WebSocketRequired, "This is a WebSocket endpoint: open it with a WebSocket upgrade request."));
        }

        using var slot = limits.OpenSocket(AuthRateLimits.AddressOf(http));
        if (slot is null)
        {
            return DomainProblems.For(limits.SocketRefusal());
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await watch(socket);
        return TypedResults.Empty;
    }

    /// <summary>
    /// Browsers send their page's origin with every WebSocket handshake, and no CORS check follows: so that another site
    /// cannot open a stream with the visitor's cookie, only this site's own pages and the CORS origins may.
    /// </summary>
    private static async Task<bool> IsAllowedOriginAsync(HttpContext http, ICorsPolicyProvider cors)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return await cors.GetPolicyAsync(http, policyName: null) is { } policy && policy.IsOriginAllowed(origin);
    }
}
