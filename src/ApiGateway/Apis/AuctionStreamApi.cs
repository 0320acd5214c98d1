using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.ApiGateway.Streaming;
using GrainMarket.Common;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The auctions' live stream, <c>GET /ws/auctions/{id}</c> (a WebSocket): the auction's state, then each of its
/// events as it commits, on whichever gateway the watcher is connected to; <c>?after=SEQ</c> replays what a watcher
/// missed. Anyone may watch an auction they may see; a signed-in buyer may also bid over the socket. Everything that
/// can be refused is refused with a problem before the upgrade, including a socket beyond the address's
/// <see cref="UsageRateLimits.SocketsPerAddress"/> (429).
/// </summary>
public static class AuctionStreamApi
{
    /// <summary>The largest message a watcher may send; a larger one closes the socket (message too big).</summary>
    public const int MaxMessageBytes = 4096;

    /// <summary>How many events may wait for a live watcher before it has fallen too far behind.</summary>
    public const int Backlog = 256;

    public static IEndpointRouteBuilder MapAuctionStreamApi(this IEndpointRouteBuilder app)
    {
        // OpenAPI cannot describe a WebSocket (and the sweeps that read the document would send it plain requests):
        // the README documents its messages, and the tests its refusals.
        app.MapGet("/ws/auctions/{id:guid}", WatchAsync).WithTags("Auctions").ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> WatchAsync(
        Guid id, string? after, HttpContext http, IGrainFactory grains, AuctionEventFeed feed, ICorsPolicyProvider cors, UsageRateLimits limits, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(limits);
        if (!PositionCursor.TryParse(after, out var afterSequence))
        {
            return DomainProblems.Invalid("after", "must be a whole number of at least 0: the last sequence the watcher has");
        }

        if (!await IsAllowedOriginAsync(http, cors))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.Forbidden, "Browsers may open the stream only from this site or an origin in GRAINMARKET_CORS_ORIGINS."));
        }

        if (!feed.IsAvailable)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.ReadModelUnavailable, "The live stream needs PostgreSQL (its events table and notifications); this instance runs in memory."));
        }

        if (await AuctionsApi.FindVisibleAsync(grains, id, http.User) is not { } auction)
        {
            return DomainProblems.For(AuctionsApi.NotFound());
        }

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
        using var watcher = ActivatorUtilities.CreateInstance<AuctionWatcher>(http.RequestServices, socket, id, http.User, UsageRateLimits.CallerOf(http));
        await watcher.RunAsync(auction, afterSequence ?? auction.Sequence, lifetime.ApplicationStopping);
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
