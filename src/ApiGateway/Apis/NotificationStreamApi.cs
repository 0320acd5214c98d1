using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.Streaming;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// <c>GET /ws/notifications</c>: the signed-in user's new in-app notifications over a WebSocket, each a sequence-numbered
/// event as its inbox stores it, on whichever gateway the watcher is connected to; <c>?after=SEQ</c> replays what a
/// watcher missed. Only the caller's own stream: there is nothing to name. Everything that can be refused is refused
/// with a problem before the upgrade, as for the orders' streams. docs/notifications.md describes the messages.
/// </summary>
public static class NotificationStreamApi
{
    public static IEndpointRouteBuilder MapNotificationStreamApi(this IEndpointRouteBuilder app)
    {
        // OpenAPI cannot describe a WebSocket: docs/notifications.md documents its messages, and the tests its refusals.
        app.MapGet("/ws/notifications", WatchAsync).WithTags("Notifications").ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> WatchAsync(
        string? after, HttpContext http, NotificationEventFeed feed, ICorsPolicyProvider cors, UsageRateLimits limits, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(lifetime);
        var (refusal, afterSequence) = await StreamRequests.CheckAsync(http, cors, feed, after);
        if (refusal is not null)
        {
            return refusal;
        }

        return await StreamRequests.AcceptAsync(http, limits, async socket =>
        {
            using var watcher = ActivatorUtilities.CreateInstance<NotificationWatcher>(http.RequestServices, socket, http.User);
            await watcher.RunAsync(afterSequence, lifetime.ApplicationStopping);
        });
    }
}
