using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// The rate limits of the credential endpoints. Each operation has buckets of its own, so registrations do not use up
/// logins: one per client address (a rate-limiter policy named after the operation, applied before the body is read)
/// and one per account the request names (checked by the handler once it knows the account), so an account guessed
/// at from many addresses is limited too. Both answer 429 with <c>Retry-After</c>.
/// </summary>
public sealed class AuthRateLimits : IDisposable
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Refresh = "refresh";

    /// <summary>Both halves of a reset: asking for the e-mail and using its token.</summary>
    public const string Reset = "reset";
    public const string PasswordChange = "password-change";

    public static readonly IReadOnlyList<string> Operations = [Login, Register, Refresh, Reset, PasswordChange];

    private readonly PartitionedRateLimiter<string> _perAccount;

    public AuthRateLimits(int perAccountPerMinute) =>
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(perAccountPerMinute)));

    public static FixedWindowRateLimiterOptions Window(int perMinute) => new() { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    /// <summary>The client's address: the peer's, or what a trusted proxy forwarded (see <see cref="TrustedProxies"/>).</summary>
    public static string AddressOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.None.ToString();
    }

    /// <summary>
    /// Takes a permit from the bucket of <paramref name="operation"/> on <paramref name="account"/> (a normalised e-mail
    /// address or a user id); null when granted, else the 429 problem, with <c>Retry-After</c> set on the response.
    /// </summary>
    public ProblemHttpResult? Refuse(string operation, string account, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = _perAccount.AttemptAcquire($"{operation}:{account}");
        if (lease.IsAcquired)
        {
            return null;
        }

        SetRetryAfter(http, lease);
        return DomainProblems.For(new DomainError(ErrorCodes.TooManyAttempts, "Too many attempts for this account; try again later."));
    }

    public static void SetRetryAfter(HttpContext http, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(lease);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => _perAccount.Dispose();
}
