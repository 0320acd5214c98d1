using System.Globalization;
using GrainMarket.Orders;
using GrainMarket.Promotions;

namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>
/// The referral cookie a link sets: the newest code followed and when (<c>CODE~unix seconds</c>), HTTP-only, for the
/// referral window. Checkout attributes by last touch: a code typed at checkout wins; otherwise the cookie's code, if
/// followed within the window. Nothing personal is in it; a forged one is no more than typing the code.
/// </summary>
public static class ReferralCookie
{
    public const string Name = "gm_ref";

    public static void Set(HttpContext http, string code, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(Name, $"{code}~{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = window,
            IsEssential = false,
        });
    }

    /// <summary>The checkout with its referral: the typed code, else the cookie's code while within the window.</summary>
    public static PlaceOrder Attribute(PlaceOrder command, HttpContext http, string? typedCode)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(http);
        if (typedCode is not null)
        {
            return command with { ReferralCode = CouponCodes.Normalize(typedCode), ReferralFromLink = false };
        }

        var settings = http.RequestServices.GetRequiredService<ReferralSettings>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return Read(http.Request.Cookies[Name], now, settings.Window) is { } code ? command with { ReferralCode = code, ReferralFromLink = true } : command;
    }

    /// <summary>The cookie's code if it is well formed and followed within <paramref name="window"/> before <paramref name="now"/>.</summary>
    private static string? Read(string? value, DateTimeOffset now, TimeSpan window)
    {
        var parts = value?.Split('~');
        if (parts is not [var code, var seconds] || !CouponCodes.IsValid(code) || !long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || unix > now.ToUnixTimeSeconds() + 60)
        {
            return null;
        }

        return now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, now.ToUnixTimeSeconds())) <= window ? CouponCodes.Normalize(code) : null;
    }
}
