namespace GrainMarket.Promotions;

/// <summary>
/// The coupon an order used: its code, the whole <see cref="Discount"/> it gave (split over the eligible lines as their
/// coupon shares), who funds it and, for a seller's coupon, the seller whose lines it applied to.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.OrderCoupon")]
public sealed record OrderCoupon(
    [property: Id(0)] string Code,
    [property: Id(1)] long Discount,
    [property: Id(2)] string FundedBy,
    [property: Id(3)] Guid? SellerId);
