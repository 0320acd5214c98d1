using System.Net.WebSockets;
using System.Security.Claims;
using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.Notifications;
using Microsoft.Extensions.Options;
using Orleans;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// One WebSocket following the caller's new in-app notifications: a <c>state</c> message (the stream's sequence now, the
/// unread count), then each notification as it is stored, as a sequence-numbered <c>notification</c> event; a watcher that
/// came back with <c>?after=</c> first gets the ones it missed. Watchers send nothing: a message closes the socket.
/// </summary>
internal sealed class NotificationWatcher(
    WebSocket socket,
    ClaimsPrincipal user,
    NotificationEventFeed feed,
    IGrainFactory grains,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    TimeProvider time) : WebSocketWatcher(socket, jsonOptions.Value.SerializerOptions, time)
{
    /// <summary>Streams the caller's notifications after <paramref name="after"/> (null: from now) until the watcher or the server closes.</summary>
    public async Task RunAsync(long? after, CancellationToken stopping)
    {
        var userId = user.UserId();
        var sequence = await feed.LastSequenceAsync(userId, stopping);
        var unread = (await grains.GetGrain<INotificationInboxGrain>(userId).ListAsync(1, null)).Unread;
        if (!await SendAsync(Serialize(new NotificationStateMessage(sequence, unread))))
        {
            return;
        }

        using var subscription = feed.Subscribe(userId, after ?? sequence, EventFeed.Backlog);
        await ServeAsync(pushing => PushAsync(subscription, ReconnectAfter, pushing), "reconnect with ?after=the last sequence you have.", stopping);
    }

    protected override Task OnMessageAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping) =>
        CloseAsync(WebSocketCloseStatus.PolicyViolation, "This stream takes no messages.");
}
