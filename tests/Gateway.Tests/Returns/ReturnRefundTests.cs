using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Returns;

/// <summary>
/// Refunds with every sum exact, each on a silo in a schema of its own so that the platform's wallet and the audit's
/// totals are this test's alone: 3 units of 10,000 bought from a 5-unit stock by a buyer funded with 50,000, 2% fee.
/// </summary>
public sealed class ReturnRefundTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_return_refunded_before_settlement_comes_out_of_the_hold_and_completion_settles_only_what_is_left()
    {
        await using var desk = await ReturnDesk.OpenIsolatedAsync(new Dictionary<string, string>(), price: 10_000, stock: 5, funds: 50_000);
        var orderId = await desk.DeliveredOrderAsync(3);
        var returnId = await desk.RequestedAsync(orderId, 2);

        // An open return keeps the order from completing: its money stays held.
        await Problems.AssertAsync(await desk.Buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "return-open");

        await desk.InspectedAsync(returnId, "resellable", "damaged");
        var refunded = await Json.ReadAsync(await desk.DecideAsync(returnId, "refund", sellerAtFault: true));

        Assert.Equal("refunded", refunded.GetProperty("status").GetString());
        var refund = refunded.GetProperty("refund");
        Assert.Equal((20_000, true, 0, 0), (refund.GetProperty("amount").GetInt64(), refund.GetProperty("beforeSettlement").GetBoolean(), refund.GetProperty("fromSeller").GetInt64(), refund.GetProperty("fromPlatform").GetInt64()));
        Assert.Equal((40_000, 10_000), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((5, 3, 1, 0, 1), await desk.StockAsync());
        Assert.Equal((20_000, 20_000), (await desk.LedgerSumAsync(desk.Buyer.Id.ToString(), "REFUND", $"return:{returnId:N}"), await desk.LedgerSumAsync(desk.Buyer.Id.ToString(), "CAPTURE", $"return:{returnId:N}")));
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 50_000), ("escrow-owned", 10_000), ("stock-conserved", 5), ("stock-reserved", 1), ("stock-sold", 0));

        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");

        Assert.Equal((40_000, 0), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((9_800, 0), await desk.WalletAsync(desk.Seller));
        Assert.Equal((200, 0), await desk.WalletAsync("platform"));
        Assert.Equal(10_000, await desk.LedgerSumAsync(desk.Buyer.Id.ToString(), "CAPTURE", $"order:{orderId:N}"));
        Assert.Equal((5, 3, 0, 1, 1), await desk.StockAsync());
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 50_000), ("escrow-owned", 0), ("stock-conserved", 5), ("stock-reserved", 0), ("stock-sold", 1));

        // The seller was at fault (a damaged unit): points lost, with the reason; the one unit still sold earns
        // ⌊10,000 / 1,000⌋ = 10 at completion.
        var points = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}/points", UriKind.Relative), Ct));
        Assert.Equal(-10 + 10, points.GetProperty("points").GetInt64());
        var history = points.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(($"sale:{orderId:N}:{desk.Seller.Id:N}", 10), (history[0].GetProperty("id").GetString(), history[0].GetProperty("change").GetInt64()));
        Assert.Contains("1 damaged", history[1].GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Every party heard of every step.
        string[] steps = ["requested", "approved", "picked-up", "received", "inspected", "refunded"];
        foreach (var party in new[] { desk.Buyer, desk.Seller })
        {
            Assert.Superset(steps.Select(s => $"return:{returnId:N}:{s}").ToHashSet(), (await ReturnDesk.NotificationIdsAsync(party)).ToHashSet());
        }

        Assert.Contains($"return:{returnId:N}:refunded", await ReturnDesk.NotificationIdsAsync(desk.Courier));
    }

    [Fact]
    public async Task A_return_refunded_after_settlement_is_paid_back_by_the_seller_and_the_platform_in_the_settlements_proportions()
    {
        await using var desk = await ReturnDesk.OpenIsolatedAsync(new Dictionary<string, string>(), price: 10_000, stock: 5, funds: 50_000);
        var orderId = await desk.DeliveredOrderAsync(3);
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");
        Assert.Equal((29_400, 0), await desk.WalletAsync(desk.Seller));
        Assert.Equal(30, (await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}/points", UriKind.Relative), Ct))).GetProperty("points").GetInt64());
        var returnId = await desk.RequestedAsync(orderId, 2);
        await desk.InspectedAsync(returnId, "resellable", "resellable");

        // The seller has moved the money out (a pending withdrawal): refused, nothing moves, an admin decides again later.
        var withdrawal = await Json.ReadAsync(await desk.Seller.Client.SendAsync(Shop.Post("/api/wallet/withdrawals", new { amount = 29_400 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        await Problems.AssertAsync(await desk.DecideAsync(returnId, "refund"), HttpStatusCode.Conflict, "seller-funds-insufficient");
        Assert.Equal((20_000, 0), await desk.WalletAsync(desk.Buyer));
        Assert.Equal("inspected", (await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/returns/{returnId}", UriKind.Relative), Ct))).GetProperty("status").GetString());
        await ReturnDesk.StepAsync(desk.Admin, $"/api/admin/withdrawals/{withdrawal.GetProperty("id").GetGuid()}/reject");

        var refunded = await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));

        // The fee on 30,000 was 600; on the 10,000 still sold it is 200: the platform gives back 400, the seller 19,600.
        var refund = refunded.GetProperty("refund");
        Assert.Equal((20_000, false, 19_600, 400), (refund.GetProperty("amount").GetInt64(), refund.GetProperty("beforeSettlement").GetBoolean(), refund.GetProperty("fromSeller").GetInt64(), refund.GetProperty("fromPlatform").GetInt64()));
        Assert.Equal((40_000, 0), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((9_800, 0), await desk.WalletAsync(desk.Seller));
        Assert.Equal((200, 0), await desk.WalletAsync("platform"));
        Assert.Equal((19_600, 400), (await desk.LedgerSumAsync(desk.Seller.Id.ToString(), "CAPTURE", $"return:{returnId:N}"), await desk.LedgerSumAsync("platform", "CAPTURE", $"return:{returnId:N}")));
        Assert.Equal((5, 4, 0, 1, 0), await desk.StockAsync());
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 50_000), ("escrow-owned", 0), ("stock-conserved", 5), ("stock-reserved", 0), ("stock-sold", 1));

        // Deciding again changes nothing. The seller was not at fault; the refund takes back the points of the 20,000
        // returned: 30 − 20 = ⌊10,000 / 1,000⌋, what the sale would have earned without the returned units.
        await Problems.AssertAsync(await desk.DecideAsync(returnId, "close"), HttpStatusCode.Conflict, "invalid-return-transition");
        Assert.Equal((40_000, 0), await desk.WalletAsync(desk.Buyer));
        var points = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}/points", UriKind.Relative), Ct));
        Assert.Equal(10, points.GetProperty("points").GetInt64());
        Assert.Equal(($"sale-returned:{orderId:N}:{returnId:N}", -20), (points.GetProperty("history")[0].GetProperty("id").GetString(), points.GetProperty("history")[0].GetProperty("change").GetInt64()));
    }

    [Fact]
    public async Task An_order_is_refunded_at_most_once_whether_by_a_return_or_by_an_admin_after_settlement()
    {
        await using var desk = await ReturnDesk.OpenIsolatedAsync(new Dictionary<string, string>(), price: 10_000, stock: 5, funds: 50_000);

        // A return of 2 of 3 units refunded after settlement leaves 10,000 for an admin to refund.
        var first = await desk.DeliveredOrderAsync(3);
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{first}/complete");
        var returnId = await desk.RequestedAsync(first, 2);
        await desk.InspectedAsync(returnId, "resellable", "resellable");
        await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));
        Assert.Equal((40_000, 0), await desk.WalletAsync(desk.Buyer));

        var tooMuch = await Problems.AssertAsync(await AdminRefundAsync(desk, first, 10_001), HttpStatusCode.Conflict, "refund-exceeds-paid");
        Assert.Equal(10_000, tooMuch.GetProperty("refundable").GetInt64());
        Assert.Equal(10_000, (await Json.ReadAsync(await AdminRefundAsync(desk, first, null), HttpStatusCode.Created)).GetProperty("amount").GetInt64());
        Assert.Equal((50_000, 0), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((0, 0), await desk.WalletAsync(desk.Seller));

        // An order an admin refunded in full after settlement: its return can no longer be refunded, and nothing moves.
        var second = await desk.DeliveredOrderAsync(1);
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{second}/complete");
        Assert.Equal(10_000, (await Json.ReadAsync(await AdminRefundAsync(desk, second, null), HttpStatusCode.Created)).GetProperty("amount").GetInt64());
        var late = await desk.RequestedAsync(second, 1);
        await desk.InspectedAsync(late, "resellable");
        var refused = await Problems.AssertAsync(await desk.DecideAsync(late, "refund"), HttpStatusCode.Conflict, "refund-exceeds-paid");
        Assert.Equal(0, refused.GetProperty("refundable").GetInt64());
        Assert.Equal((50_000, 0), await desk.WalletAsync(desk.Buyer));
        Assert.Equal((0, 0), await desk.WalletAsync(desk.Seller));
        Assert.Equal("inspected", (await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/returns/{late}", UriKind.Relative), Ct))).GetProperty("status").GetString());
        ReturnDesk.AssertAudit(await desk.AuditAsync(), ("money-conserved", 50_000), ("escrow-owned", 0));
    }

    private static Task<HttpResponseMessage> AdminRefundAsync(ReturnDesk desk, Guid orderId, long? amount) =>
        desk.Admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", amount is { } some ? new { amount = some } : new { }, Guid.NewGuid().ToString()), Ct);
}
