namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>A coupon's change: deactivate (or reactivate) it, move its end, change its total limit.</summary>
public sealed record UpdateCouponRequest(bool? Active = null, DateTimeOffset? EndsAt = null, int? TotalLimit = null);
