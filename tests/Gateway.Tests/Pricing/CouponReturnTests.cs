using System.Net;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Returns;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Pricing;

/// <summary>A return of a couponed line refunds what was paid for the returned units: never more than the line cost.</summary>
public sealed class CouponReturnTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task A_refund_of_a_couponed_line_returns_exactly_what_was_paid_for_the_returned_units()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 10_000, stock: 5, funds: 50_000);
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(desk.Seller, new { code, amountOff = 1_000 }, platform: false);

        // Three units for 30,000 less the seller's 1,000 coupon: 29,000.
        var order = await Json.ReadAsync(await Coupons.BuyNowAsync(desk.Buyer, desk.ProductId, 3, code), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal(29_000, order.GetProperty("total").GetInt64());
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/accept");
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/ship");
        await ReturnDesk.StepAsync(desk.Admin, $"/api/orders/{orderId}/deliver");

        // One unit back before settlement: its coupon share is 1,000 / 3 rounded up (334), so the refund is 9,666.
        var returnId = await desk.RequestedAsync(orderId, 1);
        await desk.InspectedAsync(returnId, "resellable");
        var refunded = await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));
        Assert.Equal((9_666L, true), (refunded.GetProperty("refund").GetProperty("amount").GetInt64(), refunded.GetProperty("refund").GetProperty("beforeSettlement").GetBoolean()));
        Assert.Equal((50_000 - 29_000 + 9_666, 29_000 - 9_666), await desk.WalletAsync(desk.Buyer));

        // Completion captures the rest, 19,334, and pays the seller that less 2% rounded down (386).
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");
        Assert.Equal((30_666L, 0L), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((18_948L, 0L), await desk.WalletAsync(desk.Seller));
    }

    [Fact]
    public async Task A_refund_after_settlement_of_a_platform_couponed_line_takes_the_platforms_coupon_share_back_from_the_seller()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 10_000, stock: 5, funds: 50_000);
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(desk.Admin, new { code, amountOff = 1_000 });
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        Assert.True((await TransactionRetry.RunAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.Platform).CreditAsync($"test-funds:{Guid.NewGuid():N}", LedgerEntryTypes.Adjustment, 1_000, "test funds"), TestContext.Current.CancellationToken)).Succeeded);
        var orderId = (await Json.ReadAsync(await Coupons.BuyNowAsync(desk.Buyer, desk.ProductId, 3, code), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/accept");
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/ship");
        await ReturnDesk.StepAsync(desk.Admin, $"/api/orders/{orderId}/deliver");

        // Settled as if there were no coupon: 30,000 less 600; the buyer paid 29,000.
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");
        Assert.Equal((29_400L, 0L), await desk.WalletAsync(desk.Seller));

        // One unit back: the buyer paid 10,000 less its share of the coupon (334): 9,666. The seller ends as if two units
        // sold without a coupon (20,000 − 400 = 19,600), so gives back 9,800; the platform's fee falls by 200 and it takes
        // back the 334 it paid for that unit: it gets 134.
        var returnId = await desk.RequestedAsync(orderId, 1);
        await desk.InspectedAsync(returnId, "resellable");
        var refund = (await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"))).GetProperty("refund");

        Assert.Equal((9_666L, false, 9_800L, -134L), (refund.GetProperty("amount").GetInt64(), refund.GetProperty("beforeSettlement").GetBoolean(), refund.GetProperty("fromSeller").GetInt64(), refund.GetProperty("fromPlatform").GetInt64()));
        Assert.Equal((19_600L, 0L), await desk.WalletAsync(desk.Seller));
        Assert.Equal((50_000L - 29_000 + 9_666, 0L), await desk.WalletAsync(desk.Buyer));
        Assert.Equal(134, await desk.LedgerSumAsync(WalletKeys.Platform, LedgerEntryTypes.Payment, ReturnIds.Reference(returnId)));
    }
}
