using GrainMarket.ApiGateway.Auth;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Refuses a write (POST, PUT, PATCH, DELETE) that a browser may have sent on its own: one that travels with the
/// session cookies (<see cref="AuthCookies"/>) rather than an <c>Authorization</c> header must come from the gateway's
/// own host or one of the origins of <c>GRAINMARKET_CORS_ORIGINS</c>, as its <c>Origin</c> header says (its <c>Referer</c> when it
/// has no <c>Origin</c>); otherwise 403 <c>cross-origin-write</c>, before anything runs. SameSite=Strict alone let a
/// form posted from another site cancel an order (issue #24, item 11). Bearer requests are not sent by browsers on
/// their own, so they pass.
/// </summary>
public sealed class CrossOriginWriteMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly HashSet<string> _allowed = new(ConfiguredOrigins(configuration).Select(OriginOf).OfType<string>(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The origins of <c>GRAINMARKET_CORS_ORIGINS</c> (comma-separated; none by default).</summary>
    public static string[] ConfiguredOrigins(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration["GRAINMARKET_CORS_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!IsWrite(request.Method) || !IsCookieAuthenticated(request) || IsAllowed(request))
        {
            return next(context);
        }

        return DomainProblems.For(new DomainError(ErrorCodes.CrossOriginWrite, "A change sent with session cookies must come from this site or a configured origin (Origin header); send the access token as a bearer token instead.", "Origin")).ExecuteAsync(context);
    }

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsCookieAuthenticated(HttpRequest request) =>
        string.IsNullOrEmpty(request.Headers.Authorization) && (request.Cookies.ContainsKey(AuthCookies.Access) || request.Cookies.ContainsKey(AuthCookies.Refresh));

    /// <summary>
    /// Whether the claimed origin is a configured one, or this gateway's own host: compared by host and port only, since
    /// TLS often ends at a proxy (the browser says https, the gateway is reached over http under the same Host).
    /// </summary>
    private bool IsAllowed(HttpRequest request)
    {
        var claimed = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : request.Headers.Referer.ToString();
        if (OriginOf(claimed) is not { } source)
        {
            return false;
        }

        var sourceUri = new Uri(source);
        var own = Uri.TryCreate($"{sourceUri.Scheme}://{request.Host}", UriKind.Absolute, out var self) ? self.Authority : null;
        return _allowed.Contains(source) || string.Equals(sourceUri.Authority, own, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The origin (<c>scheme://host[:port]</c>, default port omitted) of an absolute http(s) URL; null for anything else, such as <c>null</c>.</summary>
    private static string? OriginOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;
}
