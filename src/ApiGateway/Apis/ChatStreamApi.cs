using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.Streaming;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The chat's live stream, <c>GET /ws/chat</c> (a WebSocket, signed in): every event of the caller's conversations,
/// numbered per user, resumable with <c>?after=SEQ</c>, on whichever gateway the client is connected to; the client
/// sends, types and reads over the same socket. docs/chat.md documents its messages.
/// </summary>
public static class ChatStreamApi
{
    public static IEndpointRouteBuilder MapChatStreamApi(this IEndpointRouteBuilder app)
    {
        // OpenAPI cannot describe a WebSocket: docs/chat.md documents its messages, and the tests its refusals.
        app.MapGet("/ws/chat", WatchAsync).WithTags("Chat").ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> WatchAsync(
        string? after, HttpContext http, ChatEventFeed feed, ICorsPolicyProvider cors, UsageRateLimits limits, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(lifetime);
        var (refusal, afterSequence) = await StreamRequests.CheckAsync(http, cors, feed, after);
        if (refusal is not null)
        {
            return refusal;
        }

        var last = await feed.LastSequenceAsync(http.User.UserId(), http.RequestAborted);
        return await StreamRequests.AcceptAsync(http, limits, async socket =>
        {
            using var watcher = ActivatorUtilities.CreateInstance<ChatWatcher>(http.RequestServices, socket, http.User);
            await watcher.RunAsync(afterSequence ?? last, last, lifetime.ApplicationStopping);
        });
    }
}
