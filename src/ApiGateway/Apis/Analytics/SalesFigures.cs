namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>
/// A seller's figures over a bucket or the whole range (docs/analytics.md defines each): money in minor units of the
/// answer's currency; <paramref name="Conversion"/> is orders placed ÷ product views (null without views).
/// </summary>
public sealed record SalesFigures(
    long Revenue,
    int Orders,
    int Units,
    long AverageOrderValue,
    long Refunds,
    int RefundedUnits,
    long Fees,
    long NetRevenue,
    int Placed,
    int Cancelled,
    long Views,
    double? Conversion,
    int Buyers,
    int RepeatBuyers);
