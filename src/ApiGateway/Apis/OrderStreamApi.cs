using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.Streaming;
using GrainMarket.Common;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Live order tracking over WebSockets. <c>GET /ws/orders/{id}</c>: the order's state, then each entry of its history
/// (status changes and courier steps) as a sequence-numbered event as it commits, on whichever gateway the watcher is
/// connected to; <c>?after=SEQ</c> replays what a watcher missed. Its buyer, its sellers, its courier and admins may
/// watch it; anyone else signed in gets 404, as from <c>GET /api/orders/{id}</c>. <c>GET /ws/orders</c>: all of the
/// caller's active orders (as buyer, seller or courier) on one socket, and the orders it becomes a party of as they
/// come. Everything that can be refused is refused with a problem before the upgrade, as for the auctions' stream.
/// </summary>
public static class OrderStreamApi
{
    /// <summary>How many orders one <c>/ws/orders</c> socket follows at most (the newest active ones, then new ones until full).</summary>
    public const int MaxOrders = 100;

    public static IEndpointRouteBuilder MapOrderStreamApi(this IEndpointRouteBuilder app)
    {
        // OpenAPI cannot describe a WebSocket: docs/tracking.md documents its messages, and the tests its refusals.
        app.MapGet("/ws/orders/{id:guid}", WatchAsync).WithTags("Orders").ExcludeFromDescription().RequireAuthorization();
        app.MapGet("/ws/orders", WatchMineAsync).WithTags("Orders").ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> WatchAsync(
        Guid id, string? after, HttpContext http, IGrainFactory grains, OrderEventFeed feed, ICorsPolicyProvider cors, UsageRateLimits limits, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(lifetime);
        var (refusal, afterSequence) = await StreamRequests.CheckAsync(http, cors, feed, after);
        if (refusal is not null)
        {
            return refusal;
        }

        var order = await grains.GetGrain<IOrderGrain>(id).GetAsync();
        if (order is null || !(http.User.IsAdmin() || order.IsParty(http.User.UserId())))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.OrderNotFound, "The order was not found."));
        }

        return await StreamRequests.AcceptAsync(http, limits, async socket =>
        {
            using var watcher = ActivatorUtilities.CreateInstance<OrderWatcher>(http.RequestServices, socket, http.User);
            await watcher.RunAsync(order, afterSequence ?? order.History.Count, lifetime.ApplicationStopping);
        });
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> WatchMineAsync(
        HttpContext http, OrderEventFeed feed, ICorsPolicyProvider cors, UsageRateLimits limits, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(lifetime);
        var (refusal, _) = await StreamRequests.CheckAsync(http, cors, feed, after: null);
        if (refusal is not null)
        {
            return refusal;
        }

        return await StreamRequests.AcceptAsync(http, limits, async socket =>
        {
            using var watcher = ActivatorUtilities.CreateInstance<OrderWatcher>(http.RequestServices, socket, http.User);
            await watcher.RunAllAsync(lifetime.ApplicationStopping);
        });
    }
}
