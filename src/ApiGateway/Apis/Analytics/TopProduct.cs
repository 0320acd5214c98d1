namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>
/// One of the seller's products over the range: units and revenue of completed orders, what refunds paid back, orders
/// placed containing it, detail views, and <paramref name="Conversion"/> = those orders ÷ views (null without views).
/// <paramref name="Title"/> is the catalog's (null for an auction's lot, whose id is the auction's).
/// </summary>
public sealed record TopProduct(Guid ProductId, string? Title, int Units, long Revenue, long Refunds, int Placed, long Views, double? Conversion);
