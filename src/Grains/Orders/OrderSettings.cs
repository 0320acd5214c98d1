namespace GrainMarket.Orders;

/// <summary>
/// Settlement rules: the platform fee in basis points of each seller's lines (<c>GRAINMARKET_PLATFORM_FEE_BPS</c>,
/// default 200 = 2%), how long after delivery an order completes by itself (<c>GRAINMARKET_ORDER_COMPLETION_DELAY</c>,
/// default 3 days) and the courier's share of the shipping charge of an order they delivered
/// (<c>GRAINMARKET_COURIER_SHARE_BPS</c>, default 8000 = 80%; the platform keeps the rest).
/// </summary>
public sealed record OrderSettings(int PlatformFeeBps, TimeSpan CompletionDelay, int CourierShareBps = 8000)
{
    public static OrderSettings Default { get; } = new(200, TimeSpan.FromDays(3));

    /// <summary>How long a card checkout waits for its payment before it is cancelled and its stock freed (<c>GRAINMARKET_PAYMENT_DEADLINE</c>, default 30 minutes).</summary>
    public TimeSpan PaymentDeadline { get; init; } = TimeSpan.FromMinutes(30);
}
