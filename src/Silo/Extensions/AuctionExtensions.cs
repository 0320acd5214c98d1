using GrainMarket.Auctions;

namespace GrainMarket.Silo.Extensions;

public static class AuctionExtensions
{
    /// <summary>Auction rules: <c>GRAINMARKET_MAX_PAYMENT_VIOLATIONS</c> (default 3) unpaid wins block a user from bidding.</summary>
    public static WebApplicationBuilder AddGrainMarketAuctions(this WebApplicationBuilder builder)
    {
        var max = builder.Configuration.GetValue<int?>("GRAINMARKET_MAX_PAYMENT_VIOLATIONS") ?? AuctionSettings.Default.MaxPaymentViolations;
        if (max < 1)
        {
            throw new InvalidOperationException("GRAINMARKET_MAX_PAYMENT_VIOLATIONS must be at least 1.");
        }

        builder.Services.AddSingleton(new AuctionSettings(max));
        return builder;
    }
}
