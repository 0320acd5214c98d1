namespace GrainMarket.Promotions;

/// <summary>A change of a coupon by its owner: deactivate or reactivate it, move its end, raise or lower its total limit.</summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.CouponChange")]
public sealed record CouponChange(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] bool IsAdmin,
    [property: Id(2)] bool? Active,
    [property: Id(3)] DateTimeOffset? EndsAt,
    [property: Id(4)] int? TotalLimit);
