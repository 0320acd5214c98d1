using System.Text.RegularExpressions;

namespace GrainMarket.Promotions;

/// <summary>Coupon codes: 3 to 32 letters, digits, '-' or '_', compared in upper case.</summary>
public static partial class CouponCodes
{
    public const int MaxLength = 32;

    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code.Trim());

    [GeneratedRegex("^[A-Za-z0-9_-]{3,32}$")]
    private static partial Regex Pattern();
}
