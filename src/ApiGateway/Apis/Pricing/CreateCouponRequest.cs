namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>
/// A coupon: its <c>code</c>, <c>percentOff</c> (with an optional <c>maxDiscount</c>) or <c>amountOff</c>, the goods
/// subtotal it needs (<c>minOrder</c>), when it is valid, and how often it may be used in total and per buyer.
/// </summary>
public sealed record CreateCouponRequest(
    string? Code,
    int? PercentOff,
    long? AmountOff,
    long? MaxDiscount = null,
    long? MinOrder = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    int? TotalLimit = null,
    int? PerUserLimit = null);
