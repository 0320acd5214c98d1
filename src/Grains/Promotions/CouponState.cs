namespace GrainMarket.Promotions;

/// <summary>
/// A coupon: its terms (null until created) and its uses, by order id (value: the buyer). A use is counted once per
/// order; a cancelled order's use is removed. The uses are bounded by the total limit when the coupon has one.
/// </summary>
[GenerateSerializer, Alias("gm.promotions.CouponState")]
public sealed class CouponState
{
    [Id(0)]
    public CouponTerms? Terms { get; set; }

    [Id(1)]
    public bool Active { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public Dictionary<Guid, Guid> Uses { get; set; } = [];
}
