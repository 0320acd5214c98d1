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

    [Theory]
    [InlineData(0)]
    [InlineData(8000)]
    [InlineData(10_000)]
    public void The_shipping_charge_goes_to_whoever_carried_it_and_the_parts_still_add_up(int courierShareBps)
    {
        var random = new Random(courierShareBps + 11);
        for (var run = 0; run < 500; run++)
        {
            var sellers = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Guid.NewGuid()).ToArray();
            var lines = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => new OrderLine(Guid.NewGuid(), sellers[random.Next(sellers.Length)], "item", random.NextInt64(1, 100_000), random.Next(1, 5)))
                .ToList();
            var charge = random.NextInt64(1, 5_000);
            var courier = run % 3 == 0 ? (Guid?)null : run % 3 == 1 ? Guid.NewGuid() : lines[0].SellerId;
            var byCarrier = courier is null && run % 2 == 0;
            var withoutShipping = Settlement.Split(lines, 200);

            var payouts = Settlement.Split(lines, 200, new ShippingSettlement(charge, courier, courierShareBps, byCarrier));

            Assert.Equal(lines.Sum(l => l.LineTotal) + charge, payouts.Sum(p => p.Amount));
            Assert.Equal(payouts.Count, payouts.Select(p => (p.WalletId, p.Type)).Distinct().Count());
            Assert.All(payouts, p => Assert.True(p.Amount > 0));
            var platform = payouts.Where(p => p.WalletId == WalletKeys.Platform).Sum(p => p.Amount) - withoutShipping.Where(p => p.WalletId == WalletKeys.Platform).Sum(p => p.Amount);
            if (courier is { } courierId)
            {
                var share = charge * courierShareBps / 10_000;
                var courierBefore = withoutShipping.Where(p => p.WalletId == WalletKeys.ForUser(courierId)).Sum(p => p.Amount);
                Assert.Equal(share, payouts.Where(p => p.WalletId == WalletKeys.ForUser(courierId)).Sum(p => p.Amount) - courierBefore);
                Assert.Equal(charge - share, platform);
            }
            else
            {
                Assert.Equal(byCarrier ? charge : 0, platform);
            }
        }
    }

    [Fact]
    public void Sellers_who_shipped_themselves_share_the_charge_by_the_value_of_their_lines()
    {
        var (small, large) = (Guid.NewGuid(), Guid.NewGuid());
        var lines = new[] { new OrderLine(Guid.NewGuid(), small, "a", 100, 1), new OrderLine(Guid.NewGuid(), large, "b", 200, 1) };

        var payouts = Settlement.Split(lines, 0, new ShippingSettlement(100, null, 8000));

        Assert.Equal(100 + 33, payouts.Single(p => p.WalletId == WalletKeys.ForUser(small)).Amount);
        Assert.Equal(200 + 67, payouts.Single(p => p.WalletId == WalletKeys.ForUser(large)).Amount);
    }
}
