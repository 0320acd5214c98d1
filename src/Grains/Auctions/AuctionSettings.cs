namespace GrainMarket.Auctions;

/// <summary>Auction rules from configuration: <c>GRAINMARKET_MAX_PAYMENT_VIOLATIONS</c> unpaid wins (default 3) block a user from bidding.</summary>
public sealed record AuctionSettings(int MaxPaymentViolations)
{
    public static AuctionSettings Default { get; } = new(3);
}
