using GrainMarket.Promotions;

namespace GrainMarket.Orders;

/// <summary>
/// Splits a coupon's discount over the lines it applies to (a seller's coupon: that seller's lines) in proportion to their
/// value, each share rounded down, the remainder of the rounding to the largest line (then the next, never past a line's
/// value), so that the shares add up to the discount exactly and no line is paid below 0.
/// </summary>
public static class CouponAllocation
{
    public static List<OrderLine> Apply(IReadOnlyList<OrderLine> lines, OrderCoupon coupon)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(coupon);
        var result = lines.ToList();
        var eligible = Enumerable.Range(0, result.Count).Where(i => coupon.SellerId is not { } seller || result[i].SellerId == seller).ToList();
        var value = eligible.Sum(i => result[i].Goods);
        if (value == 0 || coupon.Discount == 0)
        {
            return result;
        }

        var remainder = coupon.Discount;
        foreach (var i in eligible)
        {
            var share = (long)((Int128)coupon.Discount * result[i].Goods / value);
            result[i] = result[i] with { CouponShare = share };
            remainder -= share;
        }

        foreach (var i in eligible.OrderByDescending(i => result[i].Goods).ThenBy(i => i))
        {
            var extra = Math.Min(remainder, result[i].Goods - result[i].CouponShare);
            result[i] = result[i] with { CouponShare = result[i].CouponShare + extra };
            remainder -= extra;
        }

        return result;
    }
}
