using GrainMarket.Orders;
using GrainMarket.Wallets;

namespace GrainMarket.Gateway.Tests.Orders;

public sealed class SettlementTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(333)]
    [InlineData(10_000)]
    public void The_parts_always_add_up_to_the_total_and_each_fee_rounds_down(int feeBps)
    {
        var random = new Random(feeBps + 7);
        for (var run = 0; run < 500; run++)
        {
            var sellers = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Guid.NewGuid()).ToArray();
            var lines = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => new OrderLine(Guid.NewGuid(), sellers[random.Next(sellers.Length)], "item", random.NextInt64(1, 1_000_000), random.Next(1, 20)))
                .ToList();

            var payouts = Settlement.Split(lines, feeBps);

            Assert.Equal(lines.Sum(l => l.LineTotal), payouts.Sum(p => p.Amount));
            foreach (var seller in sellers.Where(s => lines.Any(l => l.SellerId == s)))
            {
                var sales = lines.Where(l => l.SellerId == seller).Sum(l => l.LineTotal);
                var expected = sales - (sales * feeBps / 10_000);
                Assert.Equal(expected, payouts.Where(p => p.WalletId == WalletKeys.ForUser(seller)).Sum(p => p.Amount));
            }

            Assert.All(payouts, p => Assert.True(p.Amount > 0));
        }
    }

    [Fact]
    public void Two_percent_of_a_seller_total_is_rounded_down_in_the_sellers_favour()
    {
        var seller = Guid.NewGuid();

        var payouts = Settlement.Split([new OrderLine(Guid.NewGuid(), seller, "x", 149, 1)], 200);

        Assert.Equal(new Payout(WalletKeys.ForUser(seller), LedgerEntryTypes.Payment, 147), payouts[0]);
        Assert.Equal(new Payout(WalletKeys.Platform, LedgerEntryTypes.Fee, 2), payouts[1]);
    }
}
