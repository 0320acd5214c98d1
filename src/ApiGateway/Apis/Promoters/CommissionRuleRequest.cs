namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>
/// A commission rule for a category (and its sub-categories) or a product (exactly one): <see cref="RateBps"/> basis
/// points of each line's paid amount, <see cref="PaidRateBps"/> for subscribed promoters (the rate plus the platform's
/// paid bonus when left out), at most <see cref="CapPerLine"/> per order line, paid by <see cref="FundedBy"/>
/// (<c>platform</c> or <c>seller</c>).
/// </summary>
public sealed record CommissionRuleRequest(Guid? CategoryId = null, Guid? ProductId = null, int? RateBps = null, int? PaidRateBps = null, long? CapPerLine = null, string? FundedBy = null);
