using System.Globalization;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Apis.Auctions;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Auctions;
using GrainMarket.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// One WebSocket watching one auction. It sends the auction's state, then every event after the sequence the watcher
/// has, as the <see cref="AuctionEventFeed"/> hands them over; meanwhile it answers the watcher's bids. Sends never
/// overlap (one lock) and none waits forever: a watcher that stops reading is cut off, and a live one that falls more
/// than <see cref="AuctionStreamApi.Backlog"/> events behind is closed with a policy violation, naming the sequence to come back after.
/// </summary>
internal sealed class AuctionWatcher(
    WebSocket socket,
    Guid auctionId,
    ClaimsPrincipal user,
    string caller,
    AuctionEventFeed feed,
    UsageRateLimits limits,
    IGrainFactory grains,
    IAuthorizationService authorization,
    MarketplaceSettings settings,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    TimeProvider time,
    ILogger<AuctionWatcher> logger) : IDisposable
{
    public const string PlaceBid = "place_bid";

    private const int MaxRequestIdLength = 100;

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private long _windowStart;
    private int _inWindow;
    private int _refusedInARow;
    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;
    private bool _closeSent;
    private Task _stopping = Task.CompletedTask;
    private long _lastSent;

    /// <summary>Streams until the watcher or the server closes, or the connection fails.</summary>
    public async Task RunAsync(AuctionView auction, long after, CancellationToken stopping)
    {
        _lastSent = after;
        if (!await SendAsync(Serialize(new StateMessage(auction.Sequence, AuctionsApi.ForCaller(auction, user, settings)))))
        {
            return;
        }

        using var subscription = feed.Subscribe(auctionId, after, AuctionStreamApi.Backlog);
        using var pushing = new CancellationTokenSource();
        var push = PushAsync(subscription, pushing.Token);
        await using (stopping.Register(() => _stopping = CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is stopping: reconnect with ?after=the last sequence you have.")))
        {
            await ReceiveAsync(stopping);
        }

        await pushing.CancelAsync();
        await push;
        await _stopping;
    }

    public void Dispose()
    {
        _sending.Dispose();
    }

    private async Task PushAsync(AuctionSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.ReadAllAsync(cancellationToken))
            {
                if (subscription.Overflowed || !await SendAsync(e.Message))
                {
                    break;
                }

                _lastSent = e.Sequence;
            }

            if (subscription.Overflowed)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, string.Create(CultureInfo.InvariantCulture, $"Too far behind: reconnect with ?after={_lastSent}."));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher is gone.
        }
    }

    /// <summary>Reads the watcher's messages until its close frame arrives (answering it) or the connection fails.</summary>
    private async Task ReceiveAsync(CancellationToken stopping)
    {
        var buffer = new byte[AuctionStreamApi.MaxMessageBytes];
        try
        {
            while (true)
            {
                var (type, length) = await ReadMessageAsync(buffer);
                if (type == WebSocketMessageType.Close)
                {
                    await CloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "");
                    return;
                }

                if (length < 0)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are at most {AuctionStreamApi.MaxMessageBytes} bytes.");
                }
                else if (!_closeSent)
                {
                    await AnswerWithinRateAsync(type, buffer.AsMemory(0, length), stopping);
                }
            }
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            // The connection failed or was cut off.
        }
    }

    /// <summary>
    /// Answers a message within the socket's rate; past it, says <c>rate_limited</c> instead, and closes with a policy
    /// violation once the watcher has gone on to send three times its rate without a refill.
    /// </summary>
    private async Task AnswerWithinRateAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping)
    {
        if (TakeMessage())
        {
            _refusedInARow = 0;
            await SendAsync(await AnswerAsync(type, message, stopping));
            return;
        }

        string? requestId = null;
        try
        {
            requestId = type == WebSocketMessageType.Text ? JsonSerializer.Deserialize<WatcherRequest>(message.Span, _json)?.RequestId : null;
        }
        catch (JsonException)
        {
            // Unreadable: refused without a requestId.
        }

        var error = new DomainError(ErrorCodes.TooManyAttempts, $"At most {limits.MessagesPerSecond} messages a second: this one was not read.");
        await SendAsync(Serialize(new RateLimitedMessage(requestId, DomainProblems.For(error).ProblemDetails)));
        if (++_refusedInARow >= 2 * limits.MessagesPerSecond)
        {
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, $"Too many messages: at most {limits.MessagesPerSecond} a second.");
        }
    }

    /// <summary>
    /// Counts a message against the socket's rate: fixed one-second windows, each starting at the first message read after
    /// the one before ended, so no timer runs per socket and a burst is judged from its own first message.
    /// </summary>
    private bool TakeMessage()
    {
        var now = time.GetTimestamp();
        if (_inWindow == 0 || time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            _windowStart = now;
            _inWindow = 0;
        }

        if (_inWindow >= limits.MessagesPerSecond)
        {
            return false;
        }

        _inWindow++;
        return true;
    }

    /// <summary>The next message (its length, or -1 when it does not fit: the rest of it arrives as further messages, ignored once closing).</summary>
    private async Task<(WebSocketMessageType Type, int Length)> ReadMessageAsync(byte[] buffer)
    {
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
            if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage)
            {
                return (result.MessageType, count);
            }

            if (count == buffer.Length)
            {
                return (result.MessageType, -1);
            }
        }
    }

    private async Task<byte[]> AnswerAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (type != WebSocketMessageType.Text)
        {
            return Refuse(null, new DomainError(ErrorCodes.MalformedRequest, "Messages are JSON text, not binary."));
        }

        WatcherRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<WatcherRequest>(message.Span, _json);
        }
        catch (JsonException exception)
        {
            return Refuse(null, new DomainError(ErrorCodes.MalformedRequest, $"The message is not valid JSON for this stream: {exception.Message}", exception.Path));
        }

        if (request?.Type != PlaceBid)
        {
            return Refuse(request?.RequestId, new DomainError(ErrorCodes.MalformedRequest, $"The only message a watcher sends is {{\"type\":\"{PlaceBid}\", …}}.", "type"));
        }

        var refusal = Validation.Required(request.RequestId, "requestId", MaxRequestIdLength) ?? await BidderRefusalAsync();
        if (refusal is not null)
        {
            return Refuse(request.RequestId, refusal);
        }

        using (var permit = limits.Acquire(UsageRateLimits.Bid, caller))
        {
            if (!permit.IsAcquired)
            {
                return Refuse(request.RequestId, UsageRateLimits.Refusal(UsageRateLimits.Bid));
            }
        }

        Result<BidOutcome> placed;
        try
        {
            placed = await AuctionsApi.PlaceBidAsync(grains, auctionId, user.UserId(), request.RequestId!, new BidRequest(request.Amount, request.MaxAmount), cancellationToken);
        }
        catch (Exception exception) when (DomainExceptionHandler.Translate(exception) is { } error)
        {
            placed = error;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // What REST answers with a 500, without ending the stream: the same requestId retries the same bid.
            logger.LogError(exception, "A bid over the live stream of auction {AuctionId} failed", auctionId);
            placed = new DomainError(ErrorCodes.InternalError, "The bid failed on the server; retry with the same requestId.");
        }

        return placed.Value is { } outcome
            ? Serialize(new BidResultMessage(request.RequestId!, BidResponse.From(outcome, settings.Currency)))
            : Refuse(request.RequestId, placed.Error!);
    }

    /// <summary>
    /// Why the watcher may not bid (null if it may): the same rules as <c>POST /bids</c>, checked at each bid because
    /// the socket outlives its token's checks — signed in, the token unexpired, the session live, buyer the active role.
    /// </summary>
    private async Task<DomainError?> BidderRefusalAsync()
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return new DomainError(ErrorCodes.Unauthenticated, $"Sign in to bid: open the stream with a bearer token or the {AuthCookies.Access} cookie.");
        }

        if (long.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Exp), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expires) + JwtSettings.ClockSkew)
        {
            return new DomainError(ErrorCodes.Unauthenticated, "The access token this stream was opened with has expired: reconnect with a fresh one (and ?after=the last sequence you have).");
        }

        if (!await Sessions.IsLiveAsync(user, grains))
        {
            return new DomainError(ErrorCodes.Unauthenticated, "The session this stream was opened with has ended (signed out, blocked, or the password changed).");
        }

        return (await authorization.AuthorizeAsync(user, Policies.Buyer)).Succeeded
            ? null
            : new DomainError(ErrorCodes.Forbidden, "Only buyers bid: make buyer your active role, then reconnect.");
    }

    /// <summary>How a transport reports a connection that failed, was cut off or timed out (Kestrel and the test server differ).</summary>
    private static bool IsConnectionGone(Exception exception) =>
        exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException;

    private byte[] Refuse(string? requestId, DomainError error) => Serialize(new BidErrorMessage(requestId, DomainProblems.For(error).ProblemDetails));

    private byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, _json);

    /// <summary>Sends one message, unless closing; false when it cannot (a send that takes too long cuts the connection).</summary>
    private async Task<bool> SendAsync(ReadOnlyMemory<byte> message)
    {
        await _sending.WaitAsync();
        try
        {
            if (_closeSent || socket.State != WebSocketState.Open)
            {
                return false;
            }

            using var timeout = new CancellationTokenSource(SendTimeout);
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            return true;
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            socket.Abort();
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends the close frame (once); a watcher that does not answer it in time is cut off.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        await _sending.WaitAsync();
        try
        {
            if (_closeSent || socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            _closeSent = true;
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            socket.Abort();
            return;
        }
        finally
        {
            _sending.Release();
        }

        // The watcher's close frame ends the receive loop; one that never comes must not keep the connection.
        _ = AbortUnlessClosedAsync();
    }

    private async Task AbortUnlessClosedAsync()
    {
        await Task.Delay(CloseTimeout, time, CancellationToken.None);
        if (socket.State is WebSocketState.CloseSent or WebSocketState.Open)
        {
            socket.Abort();
        }
    }
}
