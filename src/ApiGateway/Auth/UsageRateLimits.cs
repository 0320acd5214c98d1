using System.Collections.Concurrent;
using System.Security.Claims;
using System.Threading.RateLimiting;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// The rate limits of the busy operations, per caller (the signed-in user, else the client address): product search
/// (<c>GRAINMARKET_SEARCH_LIMIT_PER_MINUTE</c>, default 120), checkout and buy-now
/// (<c>GRAINMARKET_CHECKOUT_LIMIT_PER_MINUTE</c>, default 30) and bids, over REST and the live stream together
/// (<c>GRAINMARKET_BID_LIMIT_PER_MINUTE</c>, default 120), media uploads (<c>GRAINMARKET_UPLOAD_LIMIT_PER_MINUTE</c>, default 30), answered with 429 <c>too-many-attempts</c> and
/// <c>Retry-After</c>; and the live stream's: at most <c>GRAINMARKET_WS_PER_ADDRESS</c> (default 20) open sockets per
/// client address, and <c>GRAINMARKET_WS_MESSAGES_PER_SECOND</c> (default 10) messages per socket. An endpoint takes
/// part by carrying a <see cref="Limit"/>; the check runs before the idempotency middleware, so a repeat of an
/// idempotency key counts like any request.
/// </summary>
public sealed class UsageRateLimits : IDisposable
{
    public const string Search = "search";
    public const string Checkout = "checkout";
    public const string Bid = "bid";
    public const string Upload = "upload";

    /// <summary>Referral link clicks counted (<c>GRAINMARKET_REFERRAL_CLICKS_PER_MINUTE</c>, default 30): beyond it a link still leads on, uncounted.</summary>
    public const string ReferralClick = "referral-click";

    private readonly PartitionedRateLimiter<string> _perCaller;
    private readonly ConcurrentDictionary<string, int> _sockets = new();

    public UsageRateLimits(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var perMinute = new Dictionary<string, int>
        {
            [Search] = configuration.GetValue<int?>("GRAINMARKET_SEARCH_LIMIT_PER_MINUTE") ?? 120,
            [Checkout] = configuration.GetValue<int?>("GRAINMARKET_CHECKOUT_LIMIT_PER_MINUTE") ?? 30,
            [Bid] = configuration.GetValue<int?>("GRAINMARKET_BID_LIMIT_PER_MINUTE") ?? 120,
            [Upload] = configuration.GetValue<int?>("GRAINMARKET_UPLOAD_LIMIT_PER_MINUTE") ?? 30,
            [ReferralClick] = configuration.GetValue<int?>("GRAINMARKET_REFERRAL_CLICKS_PER_MINUTE") ?? 30,
        };
        SocketsPerAddress = configuration.GetValue<int?>("GRAINMARKET_WS_PER_ADDRESS") ?? 20;
        MessagesPerSecond = configuration.GetValue<int?>("GRAINMARKET_WS_MESSAGES_PER_SECOND") ?? 10;
        _perCaller = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => AuthRateLimits.Window(perMinute[k[..k.IndexOf(':', StringComparison.Ordinal)]])));
    }

    public int SocketsPerAddress { get; }

    public int MessagesPerSecond { get; }

    /// <summary>Whom a request counts against: its user, or its client address when anonymous.</summary>
    public static string CallerOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.FindFirstValue(GrainMarketClaims.UserId) is { } userId ? $"user:{userId}" : $"address:{AuthRateLimits.AddressOf(http)}";
    }

    /// <summary>Takes a permit of <paramref name="operation"/> for <paramref name="caller"/> (see <see cref="CallerOf"/>); a lease not acquired is the refusal, its metadata the wait.</summary>
    public RateLimitLease Acquire(string operation, string caller) => _perCaller.AttemptAcquire($"{operation}:{caller}");

    /// <summary>The refusal of a request over a limit of <paramref name="operation"/>.</summary>
    public static DomainError Refusal(string operation) => new(ErrorCodes.TooManyAttempts, $"Too many {operation} requests; try again later.");

    /// <summary>Refuses the request when its endpoint carries a <see cref="Limit"/> whose bucket for the caller is empty.</summary>
    public static async Task LimitAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (http.GetEndpoint()?.Metadata.GetMetadata<Limit>() is { } limit)
        {
            using var lease = http.RequestServices.GetRequiredService<UsageRateLimits>().Acquire(limit.Operation, CallerOf(http));
            if (!lease.IsAcquired)
            {
                AuthRateLimits.SetRetryAfter(http, lease);
                await DomainProblems.For(Refusal(limit.Operation)).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }

    /// <summary>
    /// Counts a socket of <paramref name="address"/> as open until the result is disposed; null (nothing counted) when
    /// the address has <see cref="SocketsPerAddress"/> open already.
    /// </summary>
    public IDisposable? OpenSocket(string address)
    {
        var open = _sockets.AddOrUpdate(address, 1, (_, count) => count + 1);
        if (open <= SocketsPerAddress)
        {
            return new SocketSlot(this, address);
        }

        CloseSocket(address);
        return null;
    }

    /// <summary>The 429 that refuses one socket too many.</summary>
    public DomainError SocketRefusal() =>
        new(ErrorCodes.TooManyAttempts, $"At most {SocketsPerAddress} live streams may be open from one address; close one first.");

    public void Dispose() => _perCaller.Dispose();

    private void CloseSocket(string address)
    {
        if (_sockets.AddOrUpdate(address, 0, (_, count) => count - 1) <= 0)
        {
            _sockets.TryRemove(new KeyValuePair<string, int>(address, 0));
        }
    }

    /// <summary>Endpoint metadata: the requests of this endpoint take a permit of <paramref name="Operation"/>.</summary>
    public sealed record Limit(string Operation);

    private sealed class SocketSlot(UsageRateLimits limits, string address) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limits.CloseSocket(address);
            }
        }
    }
}
