namespace GrainMarket.Promotions;

/// <summary>A checkout's use of a coupon: the order, its buyer, and each seller's goods subtotal after line discounts.</summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.CouponRedemption")]
public sealed record CouponRedemption(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid BuyerId,
    [property: Id(2)] IReadOnlyDictionary<Guid, long> SellerSubtotals);
