using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
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
    public const int MaxMessageBytes = WebSocketWatcher.MaxMessageBytes;

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
        ArgumentNullException.ThrowIfNull(lifetime);
        var (refusal, afterSequence) = await StreamRequests.CheckAsync(http, cors, feed, after);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await AuctionsApi.FindVisibleAsync(grains, id, http.User) is not { } auction)
        {
            return DomainProblems.For(AuctionsApi.NotFound());
        }

        return await StreamRequests.AcceptAsync(http, limits, async socket =>
        {
            using var watcher = ActivatorUtilities.CreateInstance<AuctionWatcher>(http.RequestServices, socket, id, http.User, UsageRateLimits.CallerOf(http));
            await watcher.RunAsync(auction, afterSequence ?? auction.Sequence, lifetime.ApplicationStopping);
        });
    }
}
