using System.Globalization;

namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>
/// Referral links: how long a link's cookie attributes checkouts (<c>GRAINMARKET_REFERRAL_WINDOW</c>, a .NET TimeSpan,
/// default 30 days), where a link leads (<c>GRAINMARKET_PUBLIC_URL</c>: its home, or <c>/products/{id}</c> under it;
/// relative without it). How many of one caller's clicks count is a usage rate limit (<c>GRAINMARKET_REFERRAL_CLICKS_PER_MINUTE</c>).
/// </summary>
public sealed class ReferralSettings
{
    public ReferralSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var window = TimeSpan.FromDays(30);
        if (configuration["GRAINMARKET_REFERRAL_WINDOW"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out window) || window <= TimeSpan.Zero || window > TimeSpan.FromDays(400)))
        {
            throw new InvalidOperationException($"GRAINMARKET_REFERRAL_WINDOW '{text}' is not a positive TimeSpan of at most 400 days such as 30.00:00:00.");
        }

        Window = window;
        Home = configuration["GRAINMARKET_PUBLIC_URL"] is { Length: > 0 } url ? url.TrimEnd('/') : string.Empty;
    }

    public TimeSpan Window { get; }

    private string Home { get; }

    /// <summary>Where a link leads: the product's page, or the home page.</summary>
    public string Landing(Guid? productId) => productId is { } id ? $"{Home}/products/{id}" : $"{Home}/";
}
