namespace GrainMarket.Promoters;

/// <summary>
/// An admin's commission rule for one category (and its sub-categories) or one product: <see cref="RateBps"/> of each
/// line's paid amount for an unpaid promoter, <see cref="PaidRateBps"/> for a subscribed one (null: the rate plus the
/// platform's paid bonus), at most <see cref="CapPerLine"/> per order line, paid by <see cref="FundedBy"/>
/// (<see cref="CommissionFunding"/>). Exactly one of <see cref="CategoryId"/> and <see cref="ProductId"/> is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.CommissionRule")]
public sealed record CommissionRule(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid? CategoryId,
    [property: Id(2)] Guid? ProductId,
    [property: Id(3)] int RateBps,
    [property: Id(4)] int? PaidRateBps,
    [property: Id(5)] long? CapPerLine,
    [property: Id(6)] string FundedBy);
