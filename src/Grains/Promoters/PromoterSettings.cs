namespace GrainMarket.Promoters;

/// <summary>
/// Paid promoters: the monthly subscription's price in minor units (<c>GRAINMARKET_PROMOTER_SUBSCRIPTION_PRICE</c>,
/// default 5000), its period (<c>GRAINMARKET_PROMOTER_SUBSCRIPTION_PERIOD</c>, default 30 days) and the basis points a
/// subscribed promoter earns on top of a rule's rate when the rule names no paid rate
/// (<c>GRAINMARKET_PROMOTER_PAID_BONUS_BPS</c>, default 200).
/// </summary>
public sealed record PromoterSettings(long SubscriptionPrice, TimeSpan SubscriptionPeriod, int PaidBonusBps)
{
    public static PromoterSettings Default { get; } = new(5_000, TimeSpan.FromDays(30), 200);
}
