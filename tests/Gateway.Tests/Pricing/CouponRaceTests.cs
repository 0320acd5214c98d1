using System.Net;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Pricing;

/// <summary>A coupon's uses are counted in the checkout's transaction: racing checkouts never use it more often than it allows.</summary>
public sealed class CouponRaceTests(MarketplaceFactory factory)
{
    private const int Checkouts = 64;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coupon_with_a_total_limit_of_10_is_used_exactly_10_times_by_64_racing_checkouts()
    {
        var shop = new Shop(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 1_000, stock: 100);
        using var admin = await TestUsers.AdminAsync(factory);
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(admin, new { code, amountOff = 150, totalLimit = 10 });
        var buyers = new List<TestUser>();
        for (var i = 0; i < Checkouts; i++)
        {
            buyers.Add(await shop.BuyerAsync(5_000));
        }

        try
        {
            var responses = await Task.WhenAll(buyers.Select(b => Coupons.BuyNowAsync(b, product, 1, code)));

            var placed = new List<Guid>();
            var refused = 0;
            foreach (var response in responses)
            {
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var order = await Json.ReadAsync(response, HttpStatusCode.Created);
                    Assert.Equal((850L, code.ToUpperInvariant(), 150L), (order.GetProperty("total").GetInt64(), order.GetProperty("coupon").GetProperty("code").GetString(), order.GetProperty("coupon").GetProperty("discount").GetInt64()));
                    placed.Add(order.GetProperty("id").GetGuid());
                }
                else
                {
                    await Problems.AssertAsync(response, HttpStatusCode.Conflict, "coupon-exhausted", "couponCode");
                    refused++;
                }
            }

            Assert.Equal((10, Checkouts - 10), (placed.Distinct().Count(), refused));
            Assert.Equal(10, await Coupons.UsedAsync(admin, code));

            // A refused checkout reserved and held nothing: only the ten orders' units and money are taken.
            var stock = await shop.StockAsync(product);
            Assert.Equal((90L, 10L), (stock.GetProperty("available").GetInt64(), stock.GetProperty("reserved").GetInt64()));
            var held = 0L;
            foreach (var buyer in buyers)
            {
                held += (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64();
            }

            Assert.Equal(10 * 850, held);
        }
        finally
        {
            buyers.ForEach(b => b.Dispose());
        }
    }
}
