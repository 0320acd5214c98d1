using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// The returns flow of an order paid by card: the refund goes back to the card through Stripe, once, and the ledger
/// shows it leaving the buyer's wallet again (WITHDRAWAL), with the audit consistent.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class ReturnRefundToProviderTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refunded_return_of_a_card_paid_order_goes_back_to_the_card_once()
    {
        await using var desk = await ReturnDesk.OpenAsync(market.Factory, price: 1_000, stock: 3, funds: 0);
        var order = await Json.ReadAsync(await desk.Buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = desk.ProductId, quantity = 2, shippingAddress = Shop.Address, paymentMethod = "card" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var intent = order.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);
        Assert.Equal((0L, 2_000L), await PaymentsMarket.BalancesAsync(desk.Buyer));
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/accept");
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/ship");
        await ReturnDesk.StepAsync(desk.Admin, $"/api/orders/{orderId}/deliver");

        var returnId = await desk.RequestedAsync(orderId, 1);
        await desk.InspectedAsync(returnId, "resellable");
        var decided = await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));

        var refund = decided.GetProperty("refund");
        Assert.Equal((1_000L, true, "stripe", intent), (refund.GetProperty("amount").GetInt64(), refund.GetProperty("beforeSettlement").GetBoolean(), refund.GetProperty("provider").GetString(), refund.GetProperty("paymentId").GetString()));
        Assert.Equal(1_000, RefundedAtStripe(intent));
        Assert.Equal((0L, 1_000L), await PaymentsMarket.BalancesAsync(desk.Buyer));
        Assert.Equal(1_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(desk.Buyer.Id, "WITHDRAWAL"), 1_000));

        // Deciding refund again sends the refund again under the same key: Stripe refunds nothing more, nothing moves here.
        Assert.Equal("refunded", (await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"))).GetProperty("status").GetString());
        Assert.Single(market.Stripe.Events, e => e.Type == "charge.refunded" && e.Body.Contains(intent, StringComparison.Ordinal));
        Assert.Equal((0L, 1_000L), await PaymentsMarket.BalancesAsync(desk.Buyer));
        await RefundTests.AssertAuditConsistentAsync(desk.Admin);
    }

    private long RefundedAtStripe(string intent) =>
        JsonDocument.Parse(market.Stripe.Events.Single(e => e.Type == "charge.refunded" && e.Body.Contains(intent, StringComparison.Ordinal)).Body)
            .RootElement.GetProperty("data").GetProperty("object").GetProperty("amount_refunded").GetInt64();
}
