namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>A page of coupons by code; <c>next</c> is the cursor of the following page, null on the last.</summary>
public sealed record CouponPage(IReadOnlyList<CouponResponse> Items, string? Next);
