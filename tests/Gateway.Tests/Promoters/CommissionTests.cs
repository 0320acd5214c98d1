using System.Net;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Returns;
using GrainMarket.Wallets;

namespace GrainMarket.Gateway.Tests.Promoters;

/// <summary>A referred order pays its promoter exactly the rule's commission at completion, and a refund after it claws the commission back.</summary>
public sealed class CommissionTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referred_order_pays_the_rules_commission_from_the_platform_at_completion_and_a_refund_claws_it_back_conserved()
    {
        await using var desk = await ReturnDesk.OpenIsolatedAsync(new Dictionary<string, string>(), price: 10_000, stock: 5, funds: 50_000);
        using var promoter = await Referrals.PromoterAsync(desk.Factory);
        var code = await Referrals.CodeAsync(promoter, desk.ProductId);
        await Referrals.RuleAsync(desk.Admin, new { productId = desk.ProductId, rateBps = 500, fundedBy = "platform" });
        await Referrals.FundPlatformAsync(desk.Factory, 1_000);

        // Three units, 30,000: 5% is 1,500, expected at checkout and paid at completion out of the platform's wallet
        // (1,000 of funds and the order's 600 fee: 100 left).
        var orderId = (await Referrals.DeliveredAsync(desk, 3, code)).GetProperty("id").GetGuid();
        var placed = await Referrals.ReferralOfAsync(desk.Factory, orderId);
        Assert.Equal((promoter.Id, code.ToUpperInvariant(), 1_500L, 0L), (placed!.PromoterId, placed.Code, placed.Expected, placed.Paid));
        Assert.Equal((0, 0L, 0, 0L, 1, 1_500L, 0L), await CommissionsAsync(desk.Admin));
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");
        Assert.Equal((1, 1_500L, 0, 0L, 0, 0L, 0L), await CommissionsAsync(desk.Admin));
        Assert.Equal((1_500L, 0L), await desk.WalletAsync(promoter.Id.ToString()));
        Assert.Equal((29_400L, 0L), await desk.WalletAsync(desk.Seller));
        Assert.Equal((100L, 0L), await desk.WalletAsync(WalletKeys.Platform));
        Assert.Equal(1_500, await desk.LedgerSumAsync(promoter.Id.ToString(), LedgerEntryTypes.Commission, $"order:{orderId:N}"));
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 51_000));

        // One unit back after completion: the promoter keeps 5% of the 20,000 still sold, and gives the platform 500 back.
        var returnId = await desk.RequestedAsync(orderId, 1);
        await desk.InspectedAsync(returnId, "resellable");
        await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));
        Assert.Equal((1_000L, 0L), await desk.WalletAsync(promoter.Id.ToString()));
        Assert.Equal((19_600L, 0L), await desk.WalletAsync(desk.Seller));
        Assert.Equal((30_000L, 0L), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((400L, 0L), await desk.WalletAsync(WalletKeys.Platform));
        Assert.Equal(500, await desk.LedgerSumAsync(WalletKeys.Platform, LedgerEntryTypes.Commission, ReturnIds.Reference(returnId)));
        var settled = await Referrals.ReferralOfAsync(desk.Factory, orderId);
        Assert.Equal((1_500L, 500L, 0L), (settled!.Paid, settled.ClawedBack, settled.Clawbacks!.Single().Debt));
        Assert.Equal((1, 1_500L, 1, 500L, 0, 0L, 0L), await CommissionsAsync(desk.Admin));
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 51_000));
    }

    [Fact]
    public async Task A_referred_order_with_the_platforms_coupon_pays_the_coupon_and_the_commission_from_the_platform_each_once()
    {
        await using var desk = await ReturnDesk.OpenIsolatedAsync(new Dictionary<string, string>(), price: 10_000, stock: 5, funds: 50_000);
        using var promoter = await Referrals.PromoterAsync(desk.Factory);
        var code = await Referrals.CodeAsync(promoter, desk.ProductId);
        await Referrals.RuleAsync(desk.Admin, new { productId = desk.ProductId, rateBps = 500, fundedBy = "platform" });
        await Referrals.FundPlatformAsync(desk.Factory, 2_000);
        var coupon = Pricing.Coupons.NewCode();
        await Pricing.Coupons.CreateAsync(desk.Admin, new { code = coupon, percentOff = 1 });

        var placed = await Json.ReadAsync(await desk.Buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = desk.ProductId, quantity = 3, shippingAddress = Shop.Address, couponCode = coupon, referralCode = code }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = placed.GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/accept");
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/ship");
        await ReturnDesk.StepAsync(desk.Admin, $"/api/orders/{orderId}/deliver");
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");

        // 30,000 less the platform's 1% coupon: the buyer pays 29,700; 5% of that is 1,485 of commission. The platform's
        // wallet holds twice under the order's reference, each captured once: the coupon's 300 less the 2% fee the seller
        // pays on it (294, so the seller gets 30,000 less its 600 fee), and the commission.
        Assert.Equal(29_700, placed.GetProperty("total").GetInt64());
        Assert.Equal((1_485L, 0L), await desk.WalletAsync(promoter.Id.ToString()));
        Assert.Equal(1_485, await desk.LedgerSumAsync(promoter.Id.ToString(), LedgerEntryTypes.Commission, $"order:{orderId:N}"));
        await using var holds = desk.Database.CreateCommand("SELECT operation_id, amount FROM ledger_entries WHERE wallet_id = $1 AND type = 'HOLD' AND reference = $2 ORDER BY sequence");
        holds.Parameters.Add(new Npgsql.NpgsqlParameter { Value = WalletKeys.Platform });
        holds.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"order:{orderId:N}" });
        var found = new List<(string, long)>();
        await using (var reader = await holds.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                found.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        Assert.Equal([($"HOLD:order:{orderId:N}:coupon", 294L), ($"HOLD:order:{orderId:N}:commission:0", 1_485L)], found);
        Assert.Equal((29_400L, 0L), await desk.WalletAsync(desk.Seller));
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 52_000));
    }

    /// <summary>The admin overview's commissions: paid and clawed back (count, sum), owed on open referred orders (count, sum), and promoters' debt.</summary>
    private static async Task<(int, long, int, long, int, long, long)> CommissionsAsync(TestUser admin)
    {
        var c = (await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/overview", UriKind.Relative), Ct))).GetProperty("commissions");
        return (c.GetProperty("paidCount").GetInt32(), c.GetProperty("paid").GetInt64(), c.GetProperty("clawedBackCount").GetInt32(), c.GetProperty("clawedBack").GetInt64(),
            c.GetProperty("owedCount").GetInt32(), c.GetProperty("owed").GetInt64(), c.GetProperty("promoterDebt").GetInt64());
    }

    [Fact]
    public async Task A_seller_funded_rule_takes_the_commission_from_the_sellers_payout_and_a_clawback_the_wallet_cannot_cover_becomes_a_debt_the_next_commission_repays()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 10_000, stock: 10, funds: 50_000);
        using var promoter = await Referrals.PromoterAsync(factory);
        var code = await Referrals.CodeAsync(promoter, desk.ProductId);
        await Referrals.RuleAsync(desk.Admin, new { productId = desk.ProductId, rateBps = 500, fundedBy = "seller" });

        // 30,000 less the 600 fee, less the 1,500 commission.
        var first = (await Referrals.DeliveredAsync(desk, 3, code)).GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{first}/complete");
        Assert.Equal((27_900L, 0L), await desk.WalletAsync(desk.Seller));
        Assert.Equal((1_500L, 0L), await desk.WalletAsync(promoter.Id.ToString()));

        // Withdrawals work for promoters as for anyone: the commission is held for the payout.
        await Json.ReadAsync(await promoter.Client.SendAsync(Shop.Post("/api/wallet/withdrawals", new { amount = 1_500 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        Assert.Equal((0L, 1_500L), await desk.WalletAsync(promoter.Id.ToString()));

        // A unit back: the seller refunds 9,800 and is owed 500 of commission, which the promoter's empty wallet cannot pay.
        var returnId = await desk.RequestedAsync(first, 1);
        await desk.InspectedAsync(returnId, "resellable");
        await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));
        Assert.Equal((18_100L, 0L), await desk.WalletAsync(desk.Seller));
        Assert.Equal((0L, 1_500L), await desk.WalletAsync(promoter.Id.ToString()));
        var clawed = await Referrals.ReferralOfAsync(factory, first);
        Assert.Equal((500L, 500L), (clawed!.ClawedBack, clawed.Clawbacks!.Single().Debt));
        Assert.Equal(500, (await Json.ReadAsync(await promoter.Client.GetAsync(new Uri("/api/promoter/dashboard", UriKind.Relative), Ct))).GetProperty("debt").GetInt64());

        // The next commission (one unit: 500) repays the debt first: to the seller who funds it, so nothing moves.
        var second = (await Referrals.DeliveredAsync(desk, 1, code)).GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{second}/complete");
        Assert.Equal((18_100L + 9_800, 0L), await desk.WalletAsync(desk.Seller));
        Assert.Equal((0L, 1_500L), await desk.WalletAsync(promoter.Id.ToString()));
        Assert.Equal(0, (await Json.ReadAsync(await promoter.Client.GetAsync(new Uri("/api/promoter/dashboard", UriKind.Relative), Ct))).GetProperty("debt").GetInt64());
        Assert.Equal(500, (await Referrals.ReferralOfAsync(factory, second))!.Paid);
    }

    [Fact]
    public async Task A_paid_promoter_earns_the_paid_rate_and_the_cap_bounds_each_line()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 10_000, stock: 20, funds: 200_000);
        using var unpaid = await Referrals.PromoterAsync(factory);
        using var paid = await Referrals.PromoterAsync(factory, funds: 5_000);
        var subscription = await Json.ReadAsync(await paid.Client.SendAsync(Shop.Post("/api/promoter/subscription", new { }, Guid.NewGuid().ToString()), Ct));
        Assert.True(subscription.GetProperty("paid").GetBoolean());
        Assert.Equal((0L, 0L), await desk.WalletAsync(paid.Id.ToString()));
        Assert.Equal(5_000, await desk.LedgerSumAsync(WalletKeys.Platform, LedgerEntryTypes.Payment, $"promoter-subscription:{paid.Id:N}"));

        await Referrals.RuleAsync(desk.Admin, new { productId = desk.ProductId, rateBps = 500, paidRateBps = 800, fundedBy = "seller" });
        var unpaidOrder = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, await Referrals.CodeAsync(unpaid)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var paidOrder = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, await Referrals.CodeAsync(paid)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(500, (await Referrals.ReferralOfAsync(factory, unpaidOrder))!.Expected);
        Assert.Equal(800, (await Referrals.ReferralOfAsync(factory, paidOrder))!.Expected);

        // Without a paid rate, a paid promoter earns the rate plus the 200 bps bonus; the cap bounds the line: 7% of 30,000 is 2,100, capped at 1,000.
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var other = await CatalogSeed.ProductIdAsync(seller, await new Shop(factory).CategoryAsync(), price: 10_000, stock: 5);
        await Referrals.RuleAsync(desk.Admin, new { productId = other, rateBps = 500, capPerLine = 1_000 });
        var bonused = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, other, 1, await Referrals.CodeAsync(paid)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var capped = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, other, 3, await Referrals.CodeAsync(paid)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(700, (await Referrals.ReferralOfAsync(factory, bonused))!.Expected);
        Assert.Equal(1_000, (await Referrals.ReferralOfAsync(factory, capped))!.Expected);
    }

    [Fact]
    public async Task A_category_rule_covers_its_sub_categories_and_a_product_rule_wins_over_it()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var parent = await CatalogSeed.CategoryAsync(admin);
        var child = await CatalogSeed.CategoryAsync(admin, parent);
        var covered = await CatalogSeed.ProductIdAsync(seller, child, price: 10_000, stock: 5);
        var own = await CatalogSeed.ProductIdAsync(seller, child, price: 10_000, stock: 5);
        await Referrals.RuleAsync(admin, new { categoryId = parent, rateBps = 300, fundedBy = "seller" });
        await Referrals.RuleAsync(admin, new { productId = own, rateBps = 1_000, fundedBy = "seller" });
        using var promoter = await Referrals.PromoterAsync(factory);
        var code = await Referrals.CodeAsync(promoter);
        using var buyer = await new Shop(factory).BuyerAsync(100_000);

        var byCategory = (await Json.ReadAsync(await Referrals.BuyNowAsync(buyer, covered, 1, code), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var byProduct = (await Json.ReadAsync(await Referrals.BuyNowAsync(buyer, own, 1, code), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(300, (await Referrals.ReferralOfAsync(factory, byCategory))!.Expected);
        Assert.Equal(1_000, (await Referrals.ReferralOfAsync(factory, byProduct))!.Expected);
    }
}
