using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>Auctions paid after winning: bids hold nothing, the winner has a deadline, and defaults have consequences.</summary>
public sealed class PayAfterWinTests(MarketplaceFactory factory)
{
    private readonly AuctionHouse _house = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bids_hold_nothing_and_the_winner_pays_the_order_before_the_deadline()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller, settlementMode: "pay-after-win");
        using var winner = await _house.Shop.BuyerAsync(0);

        await AuctionHouse.AcceptedBidAsync(winner, auction, 25_00, maxAmount: 40_00);
        Assert.Equal(0, await AuctionHouse.HeldAsync(winner.Id, auction));
        var order = await CloseAsync(auction);

        Assert.Equal("awaiting-payment", order.GetProperty("status").GetString());
        Assert.Equal(25_00, order.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.String, order.GetProperty("paymentDueAt").ValueKind);
        var orderId = order.GetProperty("id").GetGuid();
        await Problems.AssertAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
        await Problems.AssertAsync(await winner.Client.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null, Ct), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await winner.Client.PostAsync(new Uri($"/api/orders/{orderId}/pay", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "insufficient-funds");

        using var admin = await TestUsers.AdminAsync(factory);
        await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/wallets/{winner.Id}/credits", new { amount = 30_00, reason = "card payment" }, Guid.NewGuid().ToString()), Ct));
        var paid = await Json.ReadAsync(await winner.Client.PostAsync(new Uri($"/api/orders/{orderId}/pay", UriKind.Relative), null, Ct));

        Assert.Equal("placed", paid.GetProperty("status").GetString());
        var wallet = await Shop.WalletAsync(winner);
        Assert.Equal(25_00, wallet.GetProperty("held").GetInt64());
        Assert.Equal(5_00, wallet.GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task An_unpaid_win_is_a_violation_the_runner_up_gets_a_second_chance_and_three_block_bidding()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var defaulter = await _house.Shop.BuyerAsync(0);
        using var runnerUp = await _house.Shop.BuyerAsync(0);
        var auctions = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            auctions.Add(await _house.LiveAsync(seller, settlementMode: "pay-after-win", paymentDeadlineHours: 0.001));
        }

        await AuctionHouse.AcceptedBidAsync(runnerUp, auctions[0], 10_00, maxAmount: 17_00);
        foreach (var auction in auctions)
        {
            await AuctionHouse.AcceptedBidAsync(defaulter, auction, 20_00);
        }

        // A fourth auction, still running, that the defaulter leads when the block comes (#22 defect 4).
        using var honest = await _house.Shop.BuyerAsync(0);
        var running = await _house.LiveAsync(seller, settlementMode: "pay-after-win");
        await AuctionHouse.AcceptedBidAsync(honest, running, 12_00, maxAmount: 15_00);
        Assert.True((await AuctionHouse.AcceptedBidAsync(defaulter, running, 20_00)).GetProperty("leading").GetBoolean());

        var orders = await Task.WhenAll(auctions.Select(CloseAsync));
        Assert.All(orders, o => Assert.Equal(defaulter.Id, o.GetProperty("buyerId").GetGuid()));

        // About 4 s later every order is cancelled for want of payment; each counts once against the defaulter.
        using var admin = await TestUsers.AdminAsync(factory);
        var violations = await AuctionHouse.EventuallyAsync(
            async () => (await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/payment-violations?user_id={defaulter.Id}", UriKind.Relative), Ct))).GetProperty("items").GetArrayLength(),
            3);
        Assert.Equal(3, violations);
        foreach (var order in orders)
        {
            var cancelled = await Json.ReadAsync(await defaulter.Client.GetAsync(new Uri($"/api/orders/{order.GetProperty("id").GetGuid()}", UriKind.Relative), Ct));
            Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        }

        // The runner-up of the first auction is offered it at their highest bid (their maximum), to pay in turn.
        var first = await AuctionHouse.EventuallyAsync(async () => (await AuctionHouse.GetAsync(runnerUp, auctions[0])).GetProperty("secondChanceOrderId").ValueKind, JsonValueKind.String);
        Assert.Equal(JsonValueKind.String, first);
        var offerId = (await AuctionHouse.GetAsync(runnerUp, auctions[0])).GetProperty("secondChanceOrderId").GetGuid();
        var offer = await Json.ReadAsync(await runnerUp.Client.GetAsync(new Uri($"/api/orders/{offerId}", UriKind.Relative), Ct));
        Assert.Equal(17_00, offer.GetProperty("total").GetInt64());
        Assert.Equal(runnerUp.Id, offer.GetProperty("buyerId").GetGuid());
        var inbox = await Json.ReadAsync(await runnerUp.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "second-chance-offer");

        // Three violations: the defaulter may no longer bid where bids are not backed by money.
        var next = await _house.LiveAsync(seller, settlementMode: "pay-after-win");
        await Problems.AssertAsync(await AuctionHouse.BidAsync(defaulter, next, 5_00), HttpStatusCode.Forbidden, "bidding-blocked");
        await AuctionHouse.AcceptedBidAsync(runnerUp, next, 5_00);

        // Their lead in the running auction does not survive the block: the honest bidder leads again, at what they
        // bid outright (nobody else is left to beat), and wins it.
        Assert.Equal(12_00, await AuctionHouse.EventuallyAsync(async () => (await AuctionHouse.GetAsync(honest, running)).GetProperty("currentPrice").GetInt64(), 12_00));
        var defaulterInbox = await Json.ReadAsync(await defaulter.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        Assert.Contains(defaulterInbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "bids-withdrawn");
        var won = await CloseAsync(running);
        Assert.Equal(honest.Id, won.GetProperty("buyerId").GetGuid());
        Assert.Equal(12_00, won.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_winner_who_pays_then_cancels_walks_away_as_a_default_the_runner_up_gets_a_second_chance_and_the_seller_hears_of_it()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller, settlementMode: "pay-after-win");
        using var winner = await _house.Shop.BuyerAsync(30_00);
        using var runnerUp = await _house.Shop.BuyerAsync(0);
        await AuctionHouse.AcceptedBidAsync(runnerUp, auction, 10_00, maxAmount: 17_00);
        await AuctionHouse.AcceptedBidAsync(winner, auction, 20_00);
        var orderId = (await CloseAsync(auction)).GetProperty("id").GetGuid();
        await Json.ReadAsync(await winner.Client.PostAsync(new Uri($"/api/orders/{orderId}/pay", UriKind.Relative), null, Ct));

        var cancelled = await Json.ReadAsync(await winner.Client.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null, Ct));

        // The money goes back (#22 item 2), but walking away counts as not paying.
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(0, (await Shop.WalletAsync(winner)).GetProperty("held").GetInt64());
        using var admin = await TestUsers.AdminAsync(factory);
        Assert.Equal(1, await AuctionHouse.EventuallyAsync(
            async () => (await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/payment-violations?user_id={winner.Id}", UriKind.Relative), Ct))).GetProperty("items").GetArrayLength(),
            1));
        var offered = await AuctionHouse.EventuallyAsync(async () => (await AuctionHouse.GetAsync(runnerUp, auction)).GetProperty("secondChanceOrderId").ValueKind, JsonValueKind.String);
        Assert.Equal(JsonValueKind.String, offered);
        var offer = await Json.ReadAsync(await runnerUp.Client.GetAsync(new Uri($"/api/orders/{(await AuctionHouse.GetAsync(runnerUp, auction)).GetProperty("secondChanceOrderId").GetGuid()}", UriKind.Relative), Ct));
        Assert.Equal(("awaiting-payment", 17_00L), (offer.GetProperty("status").GetString(), offer.GetProperty("total").GetInt64()));
        var told = await AuctionHouse.EventuallyAsync(
            async () => (await Json.ReadAsync(await seller.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray().Count(n => n.GetProperty("type").GetString() == "winner-defaulted"),
            1);
        Assert.Equal(1, told);
    }

    private async Task<JsonElement> CloseAsync(Guid auction)
    {
        using var admin = await TestUsers.AdminAsync(factory);
        var closed = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auction}/close", UriKind.Relative), null, Ct));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        return await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/orders/{closed.GetProperty("orderId").GetGuid()}", UriKind.Relative), Ct));
    }
}
