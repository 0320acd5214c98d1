namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>A seller's analytics from <paramref name="From"/> to <paramref name="To"/> (UTC days, both included): totals, buckets and the top products by revenue.</summary>
public sealed record SellerAnalyticsResponse(
    string Currency,
    DateOnly From,
    DateOnly To,
    string Granularity,
    SalesFigures Totals,
    IReadOnlyList<SalesBucket> Buckets,
    IReadOnlyList<TopProduct> TopProducts);
