namespace GrainMarket.Orders;

/// <summary>
/// Settlement rules: the platform fee in basis points of each seller's lines (<c>GRAINMARKET_PLATFORM_FEE_BPS</c>,
/// default 200 = 2%) and how long after delivery an order completes by itself
/// (<c>GRAINMARKET_ORDER_COMPLETION_DELAY</c>, default 3 days).
/// </summary>
public sealed record OrderSettings(int PlatformFeeBps, TimeSpan CompletionDelay)
{
    public static OrderSettings Default { get; } = new(200, TimeSpan.FromDays(3));
}
