using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Messaging;
using Microsoft.Extensions.Options;
using Orleans;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// One user's <c>/ws/chat</c> socket: a <c>ready</c> message with the stream's sequence, then every event of the user's
/// chat stream after the sequence the client came with (<c>message</c>, <c>read</c>), in order, and the peers'
/// <c>typing</c> signals; meanwhile it takes the client's <c>send</c>, <c>typing</c> and <c>read</c> messages. While it
/// is open it holds a presence lease (<see cref="IChatPresenceGrain"/>), so messages to the user raise no notification.
/// Client messages beyond <see cref="UsageRateLimits.MessagesPerSecond"/> a second are refused unread (<c>too-many-attempts</c>).
/// </summary>
internal sealed class ChatWatcher(
    WebSocket socket,
    ClaimsPrincipal user,
    ChatEventFeed feed,
    UsageRateLimits limits,
    IGrainFactory grains,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    TimeProvider time,
    ILogger<ChatWatcher> logger) : WebSocketWatcher(socket, jsonOptions.Value.SerializerOptions, time)
{
    private readonly Guid _socketId = Guid.NewGuid();

    private Guid UserId => user.UserId();

    /// <summary>Streams from <paramref name="after"/> (the client's last sequence; the stream's <paramref name="last"/> if it gave none) until either side closes.</summary>
    public async Task RunAsync(long after, long last, CancellationToken stopping)
    {
        var presence = grains.GetGrain<IChatPresenceGrain>(UserId);
        await presence.ConnectAsync(_socketId);
        try
        {
            // Watching typing before the first message, so the client misses none once it is ready.
            using var typing = feed.WatchTyping(UserId, (conversationId, from) => _ = SendAsync(Serialize(new ChatTypingMessage(conversationId, from))));
            if (!await SendAsync(Serialize(new ChatReadyMessage(Math.Max(after, last)))))
            {
                return;
            }

            using var subscription = feed.Subscribe(UserId, after, EventFeed.Backlog);
            await ServeAsync(
                pushing => Task.WhenAll(PushAsync(subscription, ReconnectAfter, pushing), RenewPresenceAsync(presence, pushing)),
                "reconnect with ?after=the last sequence you have.",
                stopping);
        }
        finally
        {
            try
            {
                await presence.DisconnectAsync(_socketId);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The lease lapses on its own.
                logger.LogDebug(exception, "Could not end the chat presence lease of user {UserId}", UserId);
            }
        }
    }

    protected override async Task OnMessageAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping)
    {
        ChatFrame? frame = null;
        DomainError? refusal;
        try
        {
            frame = type == WebSocketMessageType.Text ? JsonSerializer.Deserialize<ChatFrame>(message.Span, Json) : null;
            refusal = type != WebSocketMessageType.Text ? new DomainError(ErrorCodes.MalformedRequest, "Messages are JSON text, not binary.")
                : !TakeMessage(limits.MessagesPerSecond) ? new DomainError(ErrorCodes.TooManyAttempts, $"At most {limits.MessagesPerSecond} messages a second: this one was not read.")
                : await AnswerAsync(frame, stopping);
        }
        catch (JsonException exception)
        {
            refusal = UnreadableRequest.FromJson(exception);
        }
        catch (Exception exception) when (DomainExceptionHandler.Translate(exception) is { } error)
        {
            refusal = error;
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            // What REST answers with a 500, without ending the stream: the same clientId retries the same message.
            logger.LogError(exception, "A chat message of user {UserId} failed", UserId);
            refusal = new DomainError(ErrorCodes.InternalError, "The message failed on the server; retry with the same clientId.");
        }

        if (refusal is not null)
        {
            await SendAsync(Serialize(new ChatErrorMessage(frame?.ClientId, DomainProblems.For(refusal).ProblemDetails)));
        }
    }

    /// <summary>Does what the client asked; the refusal, or null when it was done (a send is acknowledged here).</summary>
    private async Task<DomainError?> AnswerAsync(ChatFrame? frame, CancellationToken cancellationToken)
    {
        if (frame?.ConversationId is not { } conversationId)
        {
            return DomainError.Invalid("conversationId", "is required");
        }

        if (!await Sessions.IsLiveAsync(user, grains))
        {
            return new DomainError(ErrorCodes.Unauthenticated, "The session this stream was opened with has ended (signed out, blocked, or the password changed).");
        }

        switch (frame.Type)
        {
            case "send":
                var sent = await ConversationsApi.SendMessageAsync(grains, conversationId, UserId, frame.ClientId, frame.Text);
                if (sent.Value is { } message)
                {
                    await SendAsync(Serialize(new ChatSentMessage(conversationId, message.ClientId, message.Sequence)));
                }

                return sent.Error;
            case "read":
                return (await ConversationsApi.MoveReadMarkAsync(grains, conversationId, UserId, frame.Sequence)).Error;
            case "typing":
                var peer = await grains.GetGrain<IConversationGrain>(conversationId).TypingAsync(UserId);
                if (peer.Error is null)
                {
                    await feed.PublishTypingAsync(peer.Value, conversationId, UserId, cancellationToken);
                }

                return peer.Error;
            default:
                return new DomainError(ErrorCodes.MalformedRequest, "A chat message's type is send, typing or read.", "type");
        }
    }

    private async Task RenewPresenceAsync(IChatPresenceGrain presence, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(IChatPresenceGrain.Renew, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await presence.ConnectAsync(_socketId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The socket is closing.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The lease lapses and the user gets notifications they might not need; the socket itself is fine.
            logger.LogWarning(exception, "Could not renew the chat presence lease of user {UserId}", UserId);
        }
    }
}
