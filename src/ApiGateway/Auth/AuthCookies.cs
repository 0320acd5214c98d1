namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// The cookie form of a token pair (<c>?use_cookies=true</c>): HTTP-only, Secure, SameSite=Strict, and named with the
/// <c>__Host-</c> prefix, so a browser takes them only when Secure, for Path=/ and without a Domain: no sibling subdomain
/// can plant or overwrite them. They are Secure in every environment: browsers accept Secure cookies (and the prefix)
/// from http://localhost, so Development over plain HTTP still works. Writes carrying them are checked for their origin
/// (<see cref="Http.CrossOriginWriteMiddleware"/>).
/// </summary>
public static class AuthCookies
{
    public const string Access = "__Host-gm_access";
    public const string Refresh = "__Host-gm_refresh";

    public static void Write(HttpResponse response, TokenPair tokens, DateTimeOffset now, DateTimeOffset refreshExpiresAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(tokens);
        response.Cookies.Append(Access, tokens.AccessToken, Options(now.AddSeconds(tokens.ExpiresIn)));
        response.Cookies.Append(Refresh, tokens.RefreshToken, Options(refreshExpiresAt));
    }

    public static void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Access, Options(null));
        response.Cookies.Delete(Refresh, Options(null));
    }

    /// <summary>A <c>__Host-</c> cookie must have Path=/ (so the refresh cookie, once limited to /api/auth, now goes with every request, still HTTP-only).</summary>
    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
