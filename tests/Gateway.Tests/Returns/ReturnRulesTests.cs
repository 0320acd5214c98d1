using System.Net;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Returns;

/// <summary>Who may return what, and when: the request's rules, its idempotency, and who sees a return.</summary>
public sealed class ReturnRulesTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_more_units_than_were_bought_less_earlier_claims_can_be_returned_and_a_rejection_frees_its_claim()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(2);

        var tooMany = await Problems.AssertAsync(await desk.RequestAsync(orderId, 3), HttpStatusCode.Conflict, "return-quantity-exceeded", "lines.quantity");
        Assert.Equal(2, tooMany.GetProperty("returnable").GetInt64());
        var first = await desk.RequestedAsync(orderId, 1);
        var rejected = await desk.RequestedAsync(orderId, 1);
        await Problems.AssertAsync(await desk.RequestAsync(orderId, 1), HttpStatusCode.Conflict, "return-quantity-exceeded");

        var answer = await ReturnDesk.StepAsync(desk.Seller, $"/api/returns/{rejected}/reject", new { reason = "Used, with no box." });

        Assert.Equal(("rejected", "Used, with no box."), (answer.GetProperty("status").GetString(), answer.GetProperty("note").GetString()));
        await desk.RequestedAsync(orderId, 1);
        await Problems.AssertAsync(await desk.RequestAsync(orderId, 1), HttpStatusCode.Conflict, "return-quantity-exceeded");
        Assert.Equal("requested", (await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/returns/{first}", UriKind.Relative), Ct))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_retried_request_with_its_key_returns_the_same_return_and_claims_nothing_more()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(2);
        var key = Guid.NewGuid().ToString();

        var first = await Json.ReadAsync(await desk.RequestAsync(orderId, 1, key), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await desk.RequestAsync(orderId, 1, key), HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        var second = await desk.RequestedAsync(orderId, 1);
        await Problems.AssertAsync(await desk.RequestAsync(orderId, 1), HttpStatusCode.Conflict, "return-quantity-exceeded");
        await Confirmations.ReturnAsync(factory, first.GetProperty("id").GetGuid());
        await Confirmations.ReturnAsync(factory, second);
        var mine = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri("/api/returns", UriKind.Relative), Ct));
        Assert.Equal(2, mine.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Only_a_delivered_or_completed_checkout_order_of_the_buyer_can_be_returned()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var placed = (await Json.ReadAsync(await Shop.BuyNowAsync(desk.Buyer, desk.ProductId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Problems.AssertAsync(await desk.RequestAsync(placed, 1), HttpStatusCode.Conflict, "order-not-returnable", "orderId");

        var delivered = await desk.DeliveredOrderAsync(1);
        using var stranger = await new Shop(factory).BuyerAsync(0);
        await Problems.AssertAsync(
            await stranger.Client.SendAsync(Shop.Post("/api/returns", new { orderId = delivered, lines = new[] { new { productId = desk.ProductId, quantity = 1 } }, reason = "mine now" }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.NotFound,
            "order-not-found");
        await Problems.AssertAsync(await desk.RequestAsync(delivered, 1, productId: Guid.NewGuid()), HttpStatusCode.BadRequest, "validation-failed", "lines.productId");
    }

    [Fact]
    public async Task Strangers_get_404_and_the_parties_see_the_return_in_their_lists()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var returnId = await desk.RequestedAsync(await desk.DeliveredOrderAsync(1), 1);
        using var otherBuyer = await TestUsers.CreateAsync(factory, "buyer");
        using var otherSeller = await TestUsers.CreateAsync(factory, "seller");

        await Problems.AssertAsync(await otherBuyer.Client.GetAsync(new Uri($"/api/returns/{returnId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "return-not-found");
        await Problems.AssertAsync(await otherSeller.Client.GetAsync(new Uri($"/api/returns/{returnId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "return-not-found");
        await Problems.AssertAsync(await otherSeller.Client.PostAsync(new Uri($"/api/returns/{returnId}/approve", UriKind.Relative), null, Ct), HttpStatusCode.NotFound, "return-not-found");
        await Problems.AssertAsync(await desk.Courier.Client.GetAsync(new Uri($"/api/returns/{returnId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "return-not-found");
        await Problems.AssertAsync(await desk.Buyer.Client.PostAsync(new Uri($"/api/returns/{returnId}/approve", UriKind.Relative), null, Ct), HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty((await Json.ReadAsync(await otherSeller.Client.GetAsync(new Uri("/api/returns", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray());

        await ReturnDesk.StepAsync(desk.Seller, $"/api/returns/{returnId}/approve");
        await Confirmations.ReturnAsync(factory, returnId);
        var awaitingPickup = await Json.ReadAsync(await desk.Courier.Client.GetAsync(new Uri("/api/returns?status=approved&limit=100", UriKind.Relative), Ct));
        Assert.Contains(returnId, awaitingPickup.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var sellers = await Json.ReadAsync(await desk.Seller.Client.GetAsync(new Uri("/api/returns", UriKind.Relative), Ct));
        Assert.Equal((returnId, "approved", 1_000L), Summary(Assert.Single(sellers.GetProperty("items").EnumerateArray())));
        Assert.Equal(desk.Buyer.Id, (await Json.ReadAsync(await desk.Admin.Client.GetAsync(new Uri($"/api/returns/{returnId}", UriKind.Relative), Ct))).GetProperty("buyerId").GetGuid());
    }

    [Fact]
    public async Task A_replacement_writes_off_the_damaged_unit_ships_one_from_stock_and_moves_no_money()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(2);
        var returnId = await desk.RequestedAsync(orderId, 2);
        await desk.InspectedAsync(returnId, "damaged", "resellable");

        // A repeated step answers the return as it stands: the first inspection holds.
        var repeated = await ReturnDesk.StepAsync(desk.Courier, $"/api/returns/{returnId}/inspection", new { units = new[] { new { productId = desk.ProductId, condition = "resellable" } } });
        Assert.Equal(1, Assert.Single(repeated.GetProperty("inspection").EnumerateArray()).GetProperty("damaged").GetInt32());

        var replaced = await Json.ReadAsync(await desk.DecideAsync(returnId, "replace", sellerAtFault: true));

        Assert.Equal(("replaced", true), (replaced.GetProperty("status").GetString(), replaced.GetProperty("sellerAtFault").GetBoolean()));
        Assert.Equal((5, 2, 2, 0, 1), await desk.StockAsync());
        Assert.Equal((8_000, 2_000), await desk.WalletAsync(desk.Buyer));
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{orderId}/complete");
        Assert.Equal((5, 2, 0, 2, 1), await desk.StockAsync());
        Assert.Equal((1_960, 0), await desk.WalletAsync(desk.Seller));
        // At fault: −10; the completed sale of both units (a replacement takes none back): +⌊2,000 / 1,000⌋ = 2.
        Assert.Equal(-8, (await Json.ReadAsync(await desk.Seller.Client.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}/points", UriKind.Relative), Ct))).GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task A_damaged_unit_is_written_off_not_restocked_and_the_seller_is_not_at_fault_unless_a_unit_was_bad()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(2);
        var resellable = await desk.RequestedAsync(orderId, 1);
        await desk.InspectedAsync(resellable, "resellable");
        await Problems.AssertAsync(await desk.DecideAsync(resellable, "refund", sellerAtFault: true), HttpStatusCode.BadRequest, "validation-failed", "sellerAtFault");
        await Json.ReadAsync(await desk.DecideAsync(resellable, "refund"));
        var damaged = await desk.RequestedAsync(orderId, 1);
        await desk.InspectedAsync(damaged, "wrong-item");

        await Json.ReadAsync(await desk.DecideAsync(damaged, "refund"));

        Assert.Equal((5, 4, 0, 0, 1), await desk.StockAsync());
        Assert.Equal((10_000, 0), await desk.WalletAsync(desk.Buyer));
        Assert.Equal(0, (await Json.ReadAsync(await desk.Seller.Client.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}/points", UriKind.Relative), Ct))).GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task A_request_after_the_return_window_is_refused()
    {
        await using var desk = await ReturnDesk.OpenIsolatedAsync(new Dictionary<string, string> { ["GRAINMARKET_RETURN_WINDOW"] = "00:00:00" }, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(1);

        await Problems.AssertAsync(await desk.RequestAsync(orderId, 1), HttpStatusCode.Conflict, "return-window-closed", "orderId");

        Assert.Empty((await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri("/api/returns", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray());
    }

    private static (Guid, string?, long) Summary(System.Text.Json.JsonElement item) =>
        (item.GetProperty("id").GetGuid(), item.GetProperty("status").GetString(), item.GetProperty("value").GetInt64());
}
