using GrainMarket.Wallets;

namespace GrainMarket.Orders;

/// <summary>
/// How a completed order's money is split: each seller gets the sum of their lines minus the platform fee on it, the
/// fee rounded down to the minor unit (in the seller's favour), and the platform gets the sum of the fees. The shipping
/// charge goes to whoever carried the parcel (<see cref="ShippingSettlement"/>). The parts always add up to the order's
/// total exactly.
/// </summary>
public static class Settlement
{
    public static IReadOnlyList<Payout> Split(IEnumerable<OrderLine> lines, int feeBps, ShippingSettlement? shipping = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(feeBps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(feeBps, 10_000);
        var payouts = new List<Payout>();
        long fees = 0;
        var sellers = lines.GroupBy(l => l.SellerId).OrderBy(g => g.Key).Select(g => (SellerId: g.Key, Sales: g.Sum(l => l.LineTotal))).ToList();
        foreach (var (sellerId, sales) in sellers)
        {
            var fee = Fee(sales, feeBps);
            fees += fee;
            payouts.Add(new Payout(WalletKeys.ForUser(sellerId), LedgerEntryTypes.Payment, sales - fee));
        }

        if (shipping is { Charge: > 0 } charged)
        {
            fees += SplitShipping(charged, sellers, payouts);
        }

        payouts.Add(new Payout(WalletKeys.Platform, LedgerEntryTypes.Fee, fees));

        // One credit per wallet and type: a seller paid for their lines and their shipping, or a courier who also sells.
        return [.. payouts.GroupBy(p => (p.WalletId, p.Type))
            .Select(g => new Payout(g.Key.WalletId, g.Key.Type, g.Sum(p => p.Amount)))
            .Where(p => p.Amount > 0)];
    }

    /// <summary>
    /// What the platform pays each seller on top of <see cref="Split"/> for a platform-funded coupon: the seller is paid as
    /// if the coupon had not been used, their pre-coupon sales less the fee on those, while the buyer's capture paid them
    /// their sales after the coupon less the fee on those. Never negative (the fee rounds down and is at most the whole).
    /// </summary>
    public static IReadOnlyList<Payout> CouponSubsidies(IEnumerable<OrderLine> lines, int feeBps)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines.GroupBy(l => l.SellerId).OrderBy(g => g.Key)
            .Select(g => (SellerId: g.Key, Goods: g.Sum(l => l.Goods), Paid: g.Sum(l => l.LineTotal)))
            .Select(s => new Payout(WalletKeys.ForUser(s.SellerId), LedgerEntryTypes.Payment, s.Goods - Fee(s.Goods, feeBps) - (s.Paid - Fee(s.Paid, feeBps))))
            .Where(p => p.Amount > 0)];
    }

    /// <summary>
    /// <paramref name="payouts"/> cut to add up to <paramref name="amount"/>, each in proportion (rounded down, the
    /// remainder to the largest); unchanged when they already do. A refund out of an order's hold before settlement leaves
    /// less to capture, and each party then gets its share of what is left; a refund after it takes back these shares.
    /// </summary>
    public static IReadOnlyList<Payout> Scale(IReadOnlyList<Payout> payouts, long amount)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        var total = payouts.Sum(p => p.Amount);
        if (total == amount || total == 0)
        {
            return payouts;
        }

        var parts = payouts.Select(p => p with { Amount = (long)((Int128)p.Amount * amount / total) }).ToList();
        var largest = parts.IndexOf(parts.MaxBy(p => p.Amount)!);
        parts[largest] = parts[largest] with { Amount = parts[largest].Amount + amount - parts.Sum(p => p.Amount) };
        return [.. parts.Where(p => p.Amount > 0)];
    }

    /// <summary>The platform fee on <paramref name="sales"/>, rounded down to the minor unit in the seller's favour.</summary>
    public static long Fee(long sales, int feeBps) => (long)((Int128)sales * feeBps / 10_000);

    /// <summary>
    /// The shipping charge: a platform courier who delivered gets their share (rounded down) as a payment and the
    /// platform the rest; a platform carrier's shipment leaves it all to the platform; otherwise the sellers shipped it
    /// themselves and share it by the value of their lines, the remainder of the rounding to the largest. Returns the
    /// platform's part.
    /// </summary>
    private static long SplitShipping(ShippingSettlement shipping, List<(Guid SellerId, long Sales)> sellers, List<Payout> payouts)
    {
        if (shipping.CourierId is { } courierId)
        {
            var share = (long)((Int128)shipping.Charge * shipping.CourierShareBps / 10_000);
            payouts.Add(new Payout(WalletKeys.ForUser(courierId), LedgerEntryTypes.Payment, share));
            return shipping.Charge - share;
        }

        var sales = sellers.Sum(s => s.Sales);
        if (shipping.ByPlatformCarrier || sales == 0)
        {
            return shipping.Charge;
        }

        var parts = sellers.Select(s => (s.SellerId, Part: (long)((Int128)shipping.Charge * s.Sales / sales))).ToList();
        var largest = sellers.MaxBy(s => s.Sales).SellerId;
        var remainder = shipping.Charge - parts.Sum(p => p.Part);
        foreach (var (sellerId, part) in parts)
        {
            payouts.Add(new Payout(WalletKeys.ForUser(sellerId), LedgerEntryTypes.Payment, sellerId == largest ? part + remainder : part));
        }

        return 0;
    }
}

/// <summary>
/// Who is paid an order's shipping <paramref name="Charge"/>: the platform courier who delivered it
/// (<paramref name="CourierId"/>, <paramref name="CourierShareBps"/> of it), the platform when a platform carrier
/// shipped it (<paramref name="ByPlatformCarrier"/>), or else its sellers.
/// </summary>
public sealed record ShippingSettlement(long Charge, Guid? CourierId, int CourierShareBps, bool ByPlatformCarrier = false);
