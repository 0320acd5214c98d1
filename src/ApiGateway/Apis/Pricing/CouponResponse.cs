using GrainMarket.Promotions;

namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>A coupon, its terms flattened, with whether it is active and how many orders use it.</summary>
public sealed record CouponResponse(
    string Code,
    int PercentOff,
    long AmountOff,
    long? MaxDiscount,
    long MinOrder,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? TotalLimit,
    int? PerUserLimit,
    string FundedBy,
    Guid? SellerId,
    bool Active,
    int Used,
    DateTimeOffset CreatedAt)
{
    public static CouponResponse From(CouponView coupon)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        var t = coupon.Terms;
        return new(coupon.Code, t.Cut.PercentOff, t.Cut.AmountOff, t.MaxDiscount, t.MinOrder, t.StartsAt, t.EndsAt, t.TotalLimit, t.PerUserLimit, t.FundedBy, t.SellerId, coupon.Active, coupon.Used, coupon.CreatedAt);
    }
}
