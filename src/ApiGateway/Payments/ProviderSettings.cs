using System.Globalization;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// The settings the payment providers and payment services read alike: the address of an API and positive durations
/// (each attempt of a call, a background service's period).
/// </summary>
public static class ProviderSettings
{
    /// <summary>
    /// <paramref name="setting"/> as an absolute http(s) address, or <paramref name="fallback"/> when it is not set (a
    /// setting without a fallback is refused when it is not set).
    /// </summary>
    public static Uri ApiBase(IConfiguration configuration, string setting, string? fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[setting] is { Length: > 0 } given ? given : fallback;
        return Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? address
            : throw new InvalidOperationException($"{setting} must be an absolute http(s) address.");
    }

    /// <summary><paramref name="setting"/> as a positive TimeSpan, or 10 seconds when it is not set.</summary>
    public static TimeSpan Timeout(IConfiguration configuration, string setting) => Positive(configuration, setting, TimeSpan.FromSeconds(10));

    /// <summary><paramref name="setting"/> as a positive TimeSpan, or <paramref name="fallback"/> when it is not set.</summary>
    public static TimeSpan Positive(IConfiguration configuration, string setting, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[setting] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{setting} '{text}' is not a positive TimeSpan such as {fallback:c}.");
    }
}
