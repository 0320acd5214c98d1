using System.Net;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;

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
}
