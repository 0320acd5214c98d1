namespace GrainMarket.Promotions;

/// <summary>
/// A coupon's terms: <see cref="Cut"/> (with <see cref="MaxDiscount"/> capping a percentage), the goods subtotal after
/// line discounts it needs (<see cref="MinOrder"/>), when it is valid (<see cref="StartsAt"/> inclusive,
/// <see cref="EndsAt"/> exclusive), how often it may be used (<see cref="TotalLimit"/>, <see cref="PerUserLimit"/>;
/// null: no limit), and who funds it (<see cref="CouponFunding"/>; a seller's coupon names <see cref="SellerId"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.CouponTerms")]
public sealed record CouponTerms(
    [property: Id(0)] PriceCut Cut,
    [property: Id(1)] long? MaxDiscount,
    [property: Id(2)] long MinOrder,
    [property: Id(3)] DateTimeOffset? StartsAt,
    [property: Id(4)] DateTimeOffset? EndsAt,
    [property: Id(5)] int? TotalLimit,
    [property: Id(6)] int? PerUserLimit,
    [property: Id(7)] string FundedBy,
    [property: Id(8)] Guid? SellerId);
