using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// Admin refunds: after settlement the seller and the platform give back their shares to the buyer's wallet; a card
/// payment goes back to the card through Stripe; every step conserves the money and the audit stays consistent.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class RefundTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refund_after_settlement_restores_the_buyer_and_debits_the_seller_and_the_platform_with_money_conserved()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 2_000, stock: 2);
        using var buyer = await market.Shop.BuyerAsync(5_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, productId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await CompleteAsync(admin, seller, buyer, orderId);

        var parties = new[] { WalletKeys.ForUser(buyer.Id), WalletKeys.ForUser(seller.Id), WalletKeys.Platform };
        var settled = await BalancesAsync(parties);
        Assert.Equal([3_000L, 1_960L], settled.Take(2));

        var key = Guid.NewGuid().ToString();
        var first = await RefundAsync(admin, orderId, new { amount = 500 }, key);
        Assert.Equal((500L, false, "wallet"), (first.GetProperty("amount").GetInt64(), first.GetProperty("beforeSettlement").GetBoolean(), first.GetProperty("destination").GetString()));
        Assert.Equal([3_500L, 1_470L, settled[2] - 10], await BalancesAsync(parties));

        // The same key again: the same refund, nothing moves twice.
        Assert.Equal(first.GetProperty("id").GetGuid(), (await RefundAsync(admin, orderId, new { amount = 500 }, key)).GetProperty("id").GetGuid());
        Assert.Equal([3_500L, 1_470L, settled[2] - 10], await BalancesAsync(parties));

        // The rest (no amount: all that is left), then nothing is left.
        Assert.Equal(1_500, (await RefundAsync(admin, orderId, new { }, Guid.NewGuid().ToString())).GetProperty("amount").GetInt64());
        Assert.Equal([5_000L, 0L, settled[2] - 40], await BalancesAsync(parties));
        var tooMuch = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", new { amount = 1 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict);
        Assert.Equal("refund-exceeds-paid", tooMuch.GetProperty("code").GetString());
        Assert.Equal(2_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "REFUND"), 2_000));
        await AssertAuditConsistentAsync(admin);
    }

    [Fact]
    public async Task A_card_payment_refunded_before_settlement_goes_back_to_the_card_and_settlement_pays_out_the_rest()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 1_500, stock: 2);
        using var buyer = await TestUsers.CreateAsync(market.Factory, "buyer");
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 2, shippingAddress = Shop.Address, paymentMethod = "card" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var intent = order.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);
        Assert.Equal((0L, 3_000L), await PaymentsMarket.BalancesAsync(buyer));

        var platformBefore = (await BalancesAsync([WalletKeys.Platform]))[0];
        var refund = await RefundAsync(admin, orderId, new { amount = 1_000 }, Guid.NewGuid().ToString());
        Assert.Equal(("card", true, intent), (refund.GetProperty("destination").GetString(), refund.GetProperty("beforeSettlement").GetBoolean(), refund.GetProperty("paymentId").GetString()));
        Assert.StartsWith("re_", refund.GetProperty("providerRefundId").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 2_000L), await PaymentsMarket.BalancesAsync(buyer));
        var refunded = market.Stripe.Events.Single(e => e.Type == "charge.refunded" && e.Body.Contains(intent, StringComparison.Ordinal));
        Assert.Equal(1_000, JsonDocument.Parse(refunded.Body).RootElement.GetProperty("data").GetProperty("object").GetProperty("amount_refunded").GetInt64());

        await CompleteAsync(admin, seller, buyer, orderId);

        // 2,000 is left to settle: the seller gets it less 2% (40), the platform the 40. In 3,000 from the card, out 1,000 to it.
        Assert.Equal([0L, 1_960L, platformBefore + 40], await BalancesAsync([WalletKeys.ForUser(buyer.Id), WalletKeys.ForUser(seller.Id), WalletKeys.Platform]));
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(3_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "TOPUP"), 3_000));
        Assert.Equal(1_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "WITHDRAWAL"), 1_000));
        await AssertAuditConsistentAsync(admin);
    }

    internal static async Task CompleteAsync(TestUser admin, TestUser seller, TestUser buyer, Guid orderId)
    {
        await Returns.ReturnDesk.StepAsync(seller, $"/api/orders/{orderId}/accept");
        await Returns.ReturnDesk.StepAsync(seller, $"/api/orders/{orderId}/ship");
        await Returns.ReturnDesk.StepAsync(admin, $"/api/orders/{orderId}/deliver");
        await Returns.ReturnDesk.StepAsync(buyer, $"/api/orders/{orderId}/complete");
    }

    private static async Task<JsonElement> RefundAsync(TestUser admin, Guid orderId, object body, string key) =>
        await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", body, key), Ct), HttpStatusCode.Created);

    /// <summary>Each wallet's available balance, from its grain.</summary>
    private async Task<long[]> BalancesAsync(string[] walletIds)
    {
        var grains = market.Factory.Services.GetRequiredService<IGrainFactory>();
        var balances = new long[walletIds.Length];
        for (var i = 0; i < walletIds.Length; i++)
        {
            balances[i] = (await grains.GetGrain<IWalletGrain>(walletIds[i]).GetBalanceAsync()).Available;
        }

        return balances;
    }

    /// <summary>The admin audit of this silo's books, once the read models have caught up (at most 30 s).</summary>
    internal static async Task AssertAuditConsistentAsync(TestUser admin)
    {
        var audit = await PaymentsMarket.EventuallyAsync(
            async () => await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct)),
            report => report.GetProperty("consistent").GetBoolean());
        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
    }
}
