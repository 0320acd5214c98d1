using GrainMarket.Wallets;

namespace GrainMarket.Orders;

/// <summary>
/// How a completed order's money is split: each seller gets the sum of their lines minus the platform fee on it, the
/// fee rounded down to the minor unit (in the seller's favour), and the platform gets the sum of the fees. The parts
/// always add up to the order's total exactly.
/// </summary>
public static class Settlement
{
    public static IReadOnlyList<Payout> Split(IEnumerable<OrderLine> lines, int feeBps)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(feeBps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(feeBps, 10_000);
        var payouts = new List<Payout>();
        long fees = 0;
        foreach (var seller in lines.GroupBy(l => l.SellerId).OrderBy(g => g.Key))
        {
            var sales = seller.Sum(l => checked(l.UnitPrice * l.Quantity));
            var fee = (long)((Int128)sales * feeBps / 10_000);
            fees += fee;
            payouts.Add(new Payout(WalletKeys.ForUser(seller.Key), LedgerEntryTypes.Payment, sales - fee));
        }

        payouts.Add(new Payout(WalletKeys.Platform, LedgerEntryTypes.Fee, fees));
        return [.. payouts.Where(p => p.Amount > 0)];
    }
}
