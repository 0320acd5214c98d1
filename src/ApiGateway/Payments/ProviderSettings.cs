using System.Globalization;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>The settings every payment provider reads alike: the address of its API and how long each attempt of a call may take.</summary>
public static class ProviderSettings
{
    /// <summary><paramref name="setting"/> as an absolute http(s) address, or <paramref name="fallback"/> when it is not set.</summary>
    public static Uri ApiBase(IConfiguration configuration, string setting, string fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var apiBase = new Uri(fallback);
        if (configuration[setting] is { Length: > 0 } baseText
            && (!Uri.TryCreate(baseText, UriKind.Absolute, out apiBase) || apiBase.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"{setting} must be an absolute http(s) address.");
        }

        return apiBase!;
    }

    /// <summary><paramref name="setting"/> as a positive TimeSpan, or 10 seconds when it is not set.</summary>
    public static TimeSpan Timeout(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var timeout = TimeSpan.FromSeconds(10);
        if (configuration[setting] is { Length: > 0 } timeoutText
            && (!TimeSpan.TryParse(timeoutText, CultureInfo.InvariantCulture, out timeout) || timeout <= TimeSpan.Zero))
        {
            throw new InvalidOperationException($"{setting} '{timeoutText}' is not a positive TimeSpan such as 00:00:10.");
        }

        return timeout;
    }
}
