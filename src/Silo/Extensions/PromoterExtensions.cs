using System.Globalization;
using GrainMarket.Promoters;

namespace GrainMarket.Silo.Extensions;

public static class PromoterExtensions
{
    /// <summary>
    /// Paid promoters (<see cref="PromoterSettings"/>, docs/promoters.md): <c>GRAINMARKET_PROMOTER_SUBSCRIPTION_PRICE</c>
    /// (minor units, default 5000), <c>GRAINMARKET_PROMOTER_SUBSCRIPTION_PERIOD</c> (a .NET TimeSpan, default
    /// <c>30.00:00:00</c>) and <c>GRAINMARKET_PROMOTER_PAID_BONUS_BPS</c> (default 200). A bad value stops the start.
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketPromoters(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var defaults = PromoterSettings.Default;
        var price = configuration.GetValue<long?>("GRAINMARKET_PROMOTER_SUBSCRIPTION_PRICE") ?? defaults.SubscriptionPrice;
        if (price is < 1 or > 1_000_000_000)
        {
            throw new InvalidOperationException("GRAINMARKET_PROMOTER_SUBSCRIPTION_PRICE must be between 1 and 1000000000 minor units.");
        }

        var period = defaults.SubscriptionPeriod;
        if (configuration["GRAINMARKET_PROMOTER_SUBSCRIPTION_PERIOD"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out period) || period < TimeSpan.FromMinutes(1)))
        {
            throw new InvalidOperationException($"GRAINMARKET_PROMOTER_SUBSCRIPTION_PERIOD '{text}' is not a TimeSpan of a minute or more such as 30.00:00:00.");
        }

        var bonus = configuration.GetValue<int?>("GRAINMARKET_PROMOTER_PAID_BONUS_BPS") ?? defaults.PaidBonusBps;
        if (bonus is < 0 or > 10_000)
        {
            throw new InvalidOperationException("GRAINMARKET_PROMOTER_PAID_BONUS_BPS must be between 0 and 10000.");
        }

        builder.Services.AddSingleton(new PromoterSettings(price, period, bonus));
        return builder;
    }
}
