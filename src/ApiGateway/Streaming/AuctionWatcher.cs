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
/// One WebSocket watching one auction. It sends the auction's state, then every event after it (a watcher that came
/// back with <c>?after=</c> gets the events it missed first, then the state), as the <see cref="AuctionEventFeed"/> hands them over; meanwhile it answers the watcher's bids. A live watcher
/// that falls more than <see cref="EventFeed.Backlog"/> events behind is closed with a policy violation, naming
/// the sequence to come back after.
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
    ILogger<AuctionWatcher> logger) : WebSocketWatcher(socket, jsonOptions.Value.SerializerOptions, time)
{
    public const string PlaceBid = "place_bid";

    private const int MaxRequestIdLength = 100;

    private int _refusedInARow;

    /// <summary>Streams until the watcher or the server closes, or the connection fails.</summary>
    public async Task RunAsync(AuctionView auction, long after, CancellationToken stopping)
    {
        var (open, replayed) = await StartReplayAsync(after, auction.Sequence, Serialize(new StateMessage(auction.Sequence, AuctionsApi.ForCaller(auction, user, settings))));
        if (!open)
        {
            return;
        }

        using var subscription = feed.Subscribe(auctionId, after, EventFeed.Backlog);
        await ServeAsync(pushing => PushAsync(subscription, ReconnectAfter, pushing, replayed), "reconnect with ?after=the last sequence you have.", stopping);
    }

    protected override Task OnMessageAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping) =>
        AnswerWithinRateAsync(type, message, stopping);

    /// <summary>
    /// Answers a message within the socket's rate; past it, says <c>rate_limited</c> instead, and closes with a policy
    /// violation once the watcher has gone on to send three times its rate without a refill.
    /// </summary>
    private async Task AnswerWithinRateAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping)
    {
        if (TakeMessage(limits.MessagesPerSecond))
        {
            _refusedInARow = 0;
            await SendAsync(await AnswerAsync(type, message, stopping));
            return;
        }

        string? requestId = null;
        try
        {
            requestId = type == WebSocketMessageType.Text ? JsonSerializer.Deserialize<WatcherRequest>(message.Span, Json)?.RequestId : null;
        }
        catch (JsonException)
        {
            requestId = RequestIdOf(message);
        }

        var error = new DomainError(ErrorCodes.TooManyAttempts, $"At most {limits.MessagesPerSecond} messages a second: this one was not read.");
        await SendAsync(Serialize(new RateLimitedMessage(requestId, DomainProblems.For(error).ProblemDetails)));
        if (++_refusedInARow >= 2 * limits.MessagesPerSecond)
        {
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, $"Too many messages: at most {limits.MessagesPerSecond} a second.");
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
            request = JsonSerializer.Deserialize<WatcherRequest>(message.Span, Json);
        }
        catch (JsonException exception)
        {
            // Answered with the message's requestId when it has a readable one, so the watcher knows which message failed.
            return Refuse(RequestIdOf(message), UnreadableRequest.FromJson(exception));
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
            && Time.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expires) + JwtSettings.ClockSkew)
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

    /// <summary>The <c>requestId</c> of a message that is a JSON object with one (a string of at most 100 characters), whatever else is wrong with it.</summary>
    private static string? RequestIdOf(ReadOnlyMemory<byte> message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= MaxRequestIdLength } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Refuse(string? requestId, DomainError error) => Serialize(new BidErrorMessage(requestId, DomainProblems.For(error).ProblemDetails));
}
