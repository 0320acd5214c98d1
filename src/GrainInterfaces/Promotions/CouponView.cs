namespace GrainMarket.Promotions;

/// <summary>A coupon as it stands: its code (upper case), terms, whether it is active, and how many uses it counts.</summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.CouponView")]
public sealed record CouponView(
    [property: Id(0)] string Code,
    [property: Id(1)] CouponTerms Terms,
    [property: Id(2)] bool Active,
    [property: Id(3)] int Used,
    [property: Id(4)] DateTimeOffset CreatedAt);
