using System.Globalization;
using GrainMarket.Sellers;

namespace GrainMarket.Silo.Extensions;

public static class SellerExtensions
{
    /// <summary>
    /// Seller points and ranks (<see cref="SellerPointsSettings"/>, docs/brands.md): <c>GRAINMARKET_SALES_PER_POINT</c>
    /// (minor units of sales per point, default 1000), <c>GRAINMARKET_LATE_SHIPPING_PENALTY</c> (points, default 10),
    /// <c>GRAINMARKET_SHIPPING_DEADLINE</c> (a .NET TimeSpan after placement, default <c>2.00:00:00</c>),
    /// <c>GRAINMARKET_SELLER_RANKS</c> (<c>name:points</c> pairs, default <c>bronze:0,silver:100,gold:500,platinum:2000</c>)
    /// and <c>GRAINMARKET_BRAND_RANK</c> (the rank that unlocks brands, default <c>silver</c>). A bad value stops the start.
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketSellers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var defaults = SellerPointsSettings.Default;
        var salesPerPoint = configuration.GetValue<long?>("GRAINMARKET_SALES_PER_POINT") ?? defaults.SalesPerPoint;
        if (salesPerPoint < 1)
        {
            throw new InvalidOperationException("GRAINMARKET_SALES_PER_POINT must be a whole number of minor units, 1 or more.");
        }

        var penalty = configuration.GetValue<long?>("GRAINMARKET_LATE_SHIPPING_PENALTY") ?? defaults.LateShippingPenalty;
        if (penalty is < 0 or > 1_000_000)
        {
            throw new InvalidOperationException("GRAINMARKET_LATE_SHIPPING_PENALTY must be between 0 and 1000000.");
        }

        var deadline = defaults.ShippingDeadline;
        if (configuration["GRAINMARKET_SHIPPING_DEADLINE"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out deadline) || deadline <= TimeSpan.Zero))
        {
            throw new InvalidOperationException($"GRAINMARKET_SHIPPING_DEADLINE '{text}' is not a positive TimeSpan such as 2.00:00:00.");
        }

        var ranks = configuration["GRAINMARKET_SELLER_RANKS"] is { Length: > 0 } list ? ParseRanks(list) : defaults.Ranks;
        var brandRank = configuration["GRAINMARKET_BRAND_RANK"] is { Length: > 0 } named ? named.Trim() : defaults.BrandRank;
        if (!ranks.Any(r => r.Name == brandRank))
        {
            throw new InvalidOperationException($"GRAINMARKET_BRAND_RANK '{brandRank}' is not one of the ranks ({string.Join(", ", ranks.Select(r => r.Name))}).");
        }

        builder.Services.AddSingleton(new SellerPointsSettings(salesPerPoint, penalty, deadline, ranks, brandRank));
        return builder;
    }

    /// <summary>Ranks as <c>name:points</c> pairs separated by commas, thresholds strictly rising and names distinct.</summary>
    private static List<SellerRank> ParseRanks(string list)
    {
        var ranks = new List<SellerRank>();
        foreach (var pair in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points)
                || (ranks.Count > 0 && points <= ranks[^1].MinPoints) || ranks.Any(r => r.Name == parts[0]))
            {
                throw new InvalidOperationException($"GRAINMARKET_SELLER_RANKS '{list}' is not a list such as bronze:0,silver:100,gold:500 (distinct names, rising points).");
            }

            ranks.Add(new SellerRank(parts[0], points));
        }

        return ranks.Count > 0 ? ranks : throw new InvalidOperationException("GRAINMARKET_SELLER_RANKS names no rank.");
    }
}
