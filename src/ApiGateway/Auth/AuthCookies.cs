namespace GrainMarket.ApiGateway.Auth;

/// <summary>The cookie form of a token pair (<c>?useCookies=true</c>): HTTP-only, Secure, SameSite=Strict.</summary>
public static class AuthCookies
{
    public const string Access = "gm_access";
    public const string Refresh = "gm_refresh";

    public static void Write(HttpResponse response, TokenPair tokens, DateTimeOffset now, DateTimeOffset refreshExpiresAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(tokens);
        response.Cookies.Append(Access, tokens.AccessToken, Options(now.AddSeconds(tokens.ExpiresIn), "/"));
        response.Cookies.Append(Refresh, tokens.RefreshToken, Options(refreshExpiresAt, "/api/auth"));
    }

    public static void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Access, Options(null, "/"));
        response.Cookies.Delete(Refresh, Options(null, "/api/auth"));
    }

    private static CookieOptions Options(DateTimeOffset? expires, string path) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = path,
        Expires = expires,
        IsEssential = true,
    };
}
