using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Auctions;

public sealed class AuctionsApiTests(MarketplaceFactory factory)
{
    private readonly AuctionHouse _house = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Proxy_bids_hold_the_leaders_maximum_release_the_outbid_and_the_win_becomes_a_paid_order()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller);
        using var alice = await _house.Shop.BuyerAsync(100_00);
        using var bob = await _house.Shop.BuyerAsync(100_00);

        // A hold is exactly the bidder's maximum.
        var first = await AuctionHouse.AcceptedBidAsync(alice, auction, 1_00, maxAmount: 10_00);
        Assert.True(first.GetProperty("leading").GetBoolean());
        Assert.Equal(10_00, await AuctionHouse.HeldAsync(alice.Id, auction));

        var losing = await AuctionHouse.AcceptedBidAsync(bob, auction, 5_00);
        Assert.False(losing.GetProperty("leading").GetBoolean());
        Assert.Equal(5_50, losing.GetProperty("currentPrice").GetInt64());
        Assert.Equal(0, await AuctionHouse.EventuallyAsync(() => AuctionHouse.HeldAsync(bob.Id, auction), 0L));

        var winning = await AuctionHouse.AcceptedBidAsync(bob, auction, 6_00, maxAmount: 12_00);
        Assert.True(winning.GetProperty("leading").GetBoolean());
        Assert.Equal(10_50, winning.GetProperty("currentPrice").GetInt64());
        Assert.Equal(0, await AuctionHouse.EventuallyAsync(() => AuctionHouse.HeldAsync(alice.Id, auction), 0L));
        Assert.Equal(12_00, await AuctionHouse.HeldAsync(bob.Id, auction));

        // Everyone sees the price and the leader by their pseudonym; only the leader sees their id and maximum (#22 item 3).
        var seen = await AuctionHouse.GetAsync(alice, auction);
        Assert.Equal("Bidder 2", seen.GetProperty("leader").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("leaderId").ValueKind);
        using (var anonymous = factory.CreateClient())
        {
            var seenByAnyone = await Json.ReadAsync(await anonymous.GetAsync(new Uri($"/api/auctions/{auction}", UriKind.Relative), Ct));
            Assert.Equal("Bidder 2", seenByAnyone.GetProperty("leader").GetString());
            Assert.DoesNotContain(bob.Id.ToString(), seenByAnyone.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(bob.Id, (await AuctionHouse.GetAsync(bob, auction)).GetProperty("leaderId").GetGuid());
        Assert.Equal(11_00, seen.GetProperty("minNextBid").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("leaderMax").ValueKind);
        Assert.Equal(12_00, (await AuctionHouse.GetAsync(bob, auction)).GetProperty("leaderMax").GetInt64());

        // The history shows pseudonyms, newest first, including the proxy bids made for the leaders.
        var history = await Json.ReadAsync(await alice.Client.GetAsync(new Uri($"/api/auctions/{auction}/bids", UriKind.Relative), Ct));
        var rows = history.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("bidder").GetString(), r.GetProperty("amount").GetInt64())).ToList();
        Assert.Equal([("Bidder 2", 10_50), ("Bidder 1", 10_00), ("Bidder 1", 5_50), ("Bidder 2", 5_00), ("Bidder 1", 1_00)], rows);
        Assert.All(history.GetProperty("items").EnumerateArray(), r => Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("bidderId").ValueKind));

        using var admin = await TestUsers.AdminAsync(factory);
        var closed = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auction}/close", UriKind.Relative), null, Ct));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(bob.Id, closed.GetProperty("winnerId").GetGuid());
        var closedForAlice = await AuctionHouse.GetAsync(alice, auction);
        Assert.Equal("Bidder 2", closedForAlice.GetProperty("winner").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, closedForAlice.GetProperty("winnerId").ValueKind);
        var orderId = closed.GetProperty("orderId").GetGuid();

        // Everyone concerned was told, once.
        await AssertNotifiedAsync(alice, "outbid");
        await AssertNotifiedAsync(bob, "auction-won");
        await AssertNotifiedAsync(seller, "auction-sold");

        // The winner's hold is cut to the price and pays the order; nothing else is held.
        Assert.Equal(10_50, await AuctionHouse.HeldAsync(bob.Id, auction));
        var bobWallet = await Shop.WalletAsync(bob);
        Assert.Equal(10_50, bobWallet.GetProperty("held").GetInt64());
        Assert.Equal(100_00 - 10_50, bobWallet.GetProperty("available").GetInt64());
        Assert.Equal(100_00, (await Shop.WalletAsync(alice)).GetProperty("available").GetInt64());
        var order = await Json.ReadAsync(await bob.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
        Assert.Equal("placed", order.GetProperty("status").GetString());
        CallCycles.AssertNone(factory);
        Assert.Equal(10_50, order.GetProperty("total").GetInt64());
        Assert.Equal(seller.Id, Assert.Single(order.GetProperty("items").EnumerateArray()).GetProperty("sellerId").GetGuid());

        // The order runs its normal course once the winner says where to ship; completion pays the seller minus the fee.
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));
        await Problems.AssertAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/ship", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "invalid-order-transition");
        await Json.ReadAsync(await bob.Client.PutAsJsonAsync($"/api/orders/{orderId}/shipping-address", Shop.Address, Ct));
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/ship", UriKind.Relative), null, Ct));
        await Json.ReadAsync(await bob.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm-delivery", UriKind.Relative), null, Ct));
        var completed = await Json.ReadAsync(await bob.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct));
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var bobAfter = await Shop.WalletAsync(bob);
        Assert.Equal(0, bobAfter.GetProperty("held").GetInt64());
        Assert.Equal(100_00 - 10_50, bobAfter.GetProperty("available").GetInt64());
        Assert.Equal(10_50 - 21, (await Shop.WalletAsync(seller)).GetProperty("available").GetInt64()); // 2% fee, 21
    }

    private static async Task AssertNotifiedAsync(Support.TestUser user, string type)
    {
        var inbox = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        Assert.Single(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == type);
    }

    [Fact]
    public async Task A_bidders_hold_is_exactly_their_maximum_and_the_rest_stays_spendable()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller);
        using var buyer = await _house.Shop.BuyerAsync(3_000);

        await AuctionHouse.AcceptedBidAsync(buyer, auction, 500, maxAmount: 1_000);
        var afterBid = await Shop.WalletAsync(buyer);
        await AuctionHouse.AcceptedBidAsync(buyer, auction, 500, maxAmount: 1_500);
        var afterRaise = await Shop.WalletAsync(buyer);

        Assert.Equal((2_000L, 1_000L), (afterBid.GetProperty("available").GetInt64(), afterBid.GetProperty("held").GetInt64()));
        Assert.Equal((1_500L, 1_500L), (afterRaise.GetProperty("available").GetInt64(), afterRaise.GetProperty("held").GetInt64()));
        Assert.Equal(1_500, await AuctionHouse.HeldAsync(buyer.Id, auction));

        // The leader's raise adds no row to the bid history (the price stays), yet the read model remembers the new maximum.
        Assert.Equal(1_500, await AuctionHouse.RememberedMaxAsync(buyer.Id, auction));
    }

    [Fact]
    public async Task Bidders_racing_at_the_same_amount_make_one_leader_and_only_the_leaders_wallet_is_held()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller, startingPrice: 10_00);
        var bidders = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _house.Shop.BuyerAsync(100_00)));
        try
        {
            var bids = await Task.WhenAll(bidders.Select(b => AuctionHouse.BidAsync(b, auction, 10_00)));

            var accepted = Assert.Single(bids, r => r.StatusCode == HttpStatusCode.Created);
            var view = await AuctionHouse.GetAsync(seller, auction);
            foreach (var lost in bids.Where(r => r != accepted))
            {
                var tooLow = await Problems.AssertAsync(lost, HttpStatusCode.Conflict, "bid-too-low", "amount");
                Assert.Equal(view.GetProperty("minNextBid").GetInt64(), tooLow.GetProperty("minNextBid").GetInt64());
            }

            // The bids that lost waited for the winner's decision instead of each raising a hold to be cut again.
            Assert.Equal(1, await AuctionHouse.HoldsRaisedAsync(auction));
            var held = await Task.WhenAll(bidders.Select(b => AuctionHouse.HeldAsync(b.Id, auction)));
            Assert.Equal([10_00L], held.Where(h => h != 0));
            Assert.Equal(1, view.GetProperty("bidCount").GetInt32());
        }
        finally
        {
            foreach (var bidder in bidders)
            {
                bidder.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_hold_raised_for_a_bid_that_was_never_decided_is_found_in_the_ledger_and_released_at_the_end()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller);
        using var winner = await _house.Shop.BuyerAsync(10_00);
        using var stranded = await _house.Shop.BuyerAsync(10_00);
        await AuctionHouse.AcceptedBidAsync(winner, auction, 2_00);

        // As if an activation raised this bidder's hold and its silo died before deciding the bid: the auction's state
        // has never heard of them; only the ledger (by the auction's reference) has.
        var grains = factory.Services.GetRequiredService<Orleans.IGrainFactory>();
        var raised = await grains.GetGrain<GrainMarket.Wallets.IWalletGrain>(GrainMarket.Wallets.WalletKeys.ForUser(stranded.Id))
            .SetHoldAsync(GrainMarket.Auctions.AuctionIds.Hold(auction, stranded.Id), 5_00, GrainMarket.Auctions.AuctionIds.Reference(auction));
        Assert.True(raised.Succeeded);
        Assert.Equal(5_00, (await Shop.WalletAsync(stranded)).GetProperty("held").GetInt64());

        using var admin = await TestUsers.AdminAsync(factory);
        await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auction}/close", UriKind.Relative), null, Ct));

        Assert.Equal(0, (await Shop.WalletAsync(stranded)).GetProperty("held").GetInt64());
        Assert.Equal(10_00, (await Shop.WalletAsync(stranded)).GetProperty("available").GetInt64());
        Assert.Equal(0, await AuctionHouse.HeldAsync(stranded.Id, auction));
        Assert.Equal(2_00, (await Shop.WalletAsync(winner)).GetProperty("held").GetInt64());
    }

    [Fact]
    public async Task Refused_bids_change_nothing_and_say_why()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller", "buyer");
        var auction = await _house.LiveAsync(seller, startingPrice: 20_00);
        using var poor = await _house.Shop.BuyerAsync(5_00);
        using var rich = await _house.Shop.BuyerAsync(100_00);

        var low = await Problems.AssertAsync(await AuctionHouse.BidAsync(rich, auction, 10_00), HttpStatusCode.Conflict, "bid-too-low", "amount");
        Assert.Equal(20_00, low.GetProperty("minNextBid").GetInt64());
        var broke = await Problems.AssertAsync(await AuctionHouse.BidAsync(poor, auction, 20_00), HttpStatusCode.Conflict, "insufficient-funds");
        Assert.Equal(15_00, broke.GetProperty("missing").GetInt64());
        await Problems.AssertAsync(await AuctionHouse.BidAsync(rich, auction, 30_00, maxAmount: 20_00), HttpStatusCode.BadRequest, "validation-failed", "maxAmount");
        await Problems.AssertAsync(await AuctionHouse.BidAsync(rich, auction, -5), HttpStatusCode.BadRequest, "validation-failed", "amount");
        await Problems.AssertAsync(await AuctionHouse.BidAsync(rich, Guid.NewGuid(), 20_00), HttpStatusCode.NotFound, "auction-not-found");

        // The seller, even with the buyer role active, cannot bid on their own auction.
        var pair = await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/me/active-role", new { role = "buyer" }, Ct));
        seller.Client.DefaultRequestHeaders.Authorization = new("Bearer", pair.GetProperty("accessToken").GetString());
        await Problems.AssertAsync(await AuctionHouse.BidAsync(seller, auction, 20_00), HttpStatusCode.Conflict, "cannot-bid-own-auction");
        Assert.Equal(0, await AuctionHouse.HeldAsync(poor.Id, auction));
        Assert.Equal(0, await AuctionHouse.HeldAsync(rich.Id, auction));
        Assert.Equal(0, (await AuctionHouse.GetAsync(rich, auction)).GetProperty("bidCount").GetInt32());
    }

    [Fact]
    public async Task A_retried_bid_returns_its_first_outcome_and_holds_once()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller);
        using var buyer = await _house.Shop.BuyerAsync(50_00);
        var key = Guid.NewGuid().ToString();

        var first = await Json.ReadAsync(await AuctionHouse.BidAsync(buyer, auction, 2_00, key: key), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await AuctionHouse.BidAsync(buyer, auction, 2_00, key: key), HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(1, (await AuctionHouse.GetAsync(buyer, auction)).GetProperty("bidCount").GetInt32());
        Assert.Equal(2_00, await AuctionHouse.HeldAsync(buyer.Id, auction));
    }

    [Fact]
    public async Task Without_a_met_reserve_the_auction_ends_unsold_and_releases_every_hold()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller, startingPrice: 1_00, reservePrice: 50_00);
        using var a = await _house.Shop.BuyerAsync(100_00);
        using var b = await _house.Shop.BuyerAsync(100_00);
        await AuctionHouse.AcceptedBidAsync(a, auction, 10_00, maxAmount: 20_00);
        await AuctionHouse.AcceptedBidAsync(b, auction, 15_00);
        Assert.False((await AuctionHouse.GetAsync(a, auction)).GetProperty("reserveMet").GetBoolean());

        using var admin = await TestUsers.AdminAsync(factory);
        var ended = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auction}/close", UriKind.Relative), null, Ct));

        Assert.Equal("ended-unsold", ended.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ended.GetProperty("orderId").ValueKind);
        Assert.Equal(0, await AuctionHouse.HeldAsync(a.Id, auction));
        Assert.Equal(0, await AuctionHouse.HeldAsync(b.Id, auction));
        Assert.Equal(100_00, (await Shop.WalletAsync(a)).GetProperty("available").GetInt64());
        await Problems.AssertAsync(await AuctionHouse.BidAsync(b, auction, 30_00), HttpStatusCode.Conflict, "auction-not-live");
    }

    [Fact]
    public async Task An_auction_ends_by_itself_at_its_end_and_sells_to_the_leader()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller, duration: TimeSpan.FromSeconds(4));
        using var buyer = await _house.Shop.BuyerAsync(10_00);
        await AuctionHouse.AcceptedBidAsync(buyer, auction, 3_00);

        var status = await AuctionHouse.EventuallyAsync(async () => (await AuctionHouse.GetAsync(buyer, auction)).GetProperty("status").GetString(), "closed");

        Assert.Equal("closed", status);
        var ordered = await AuctionHouse.EventuallyAsync(async () => (await AuctionHouse.GetAsync(buyer, auction)).TryGetProperty("orderId", out var o) && o.ValueKind != System.Text.Json.JsonValueKind.Null, true);
        Assert.True(ordered);
        Assert.Equal(3_00, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
        await Confirmations.OrderAsync(factory, (await AuctionHouse.GetAsync(buyer, auction)).GetProperty("orderId").GetGuid());
        var orders = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/orders", UriKind.Relative), Ct));
        Assert.Equal(3_00, Assert.Single(orders.GetProperty("items").EnumerateArray()).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_end_timer_the_reminder_and_admin_closes_racing_make_one_order()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var winner = await _house.Shop.BuyerAsync(10_00);
        using var loser = await _house.Shop.BuyerAsync(10_00);
        using var admin = await TestUsers.AdminAsync(factory);
        var auction = await _house.LiveAsync(seller, duration: TimeSpan.FromSeconds(6));
        await AuctionHouse.AcceptedBidAsync(loser, auction, 2_00);
        await AuctionHouse.AcceptedBidAsync(winner, auction, 4_00);

        // The grain timer and the durable reminder are both due at the end; admins close at the same moment, twice over.
        var endsAt = (await AuctionHouse.GetAsync(winner, auction)).GetProperty("endsAt").GetDateTimeOffset();
        await Task.Delay(endsAt - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(100) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, Ct);
        var closes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auction}/close", UriKind.Relative), null, Ct))));

        Assert.Single(closes.Select(c => c.GetProperty("orderId").GetGuid()).Distinct());
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        await Confirmations.OrderAsync(factory, closes[0].GetProperty("orderId").GetGuid());
        var orders = await Json.ReadAsync(await winner.Client.GetAsync(new Uri("/api/orders", UriKind.Relative), Ct));
        Assert.Equal(4_00, Assert.Single(orders.GetProperty("items").EnumerateArray()).GetProperty("total").GetInt64());
        Assert.Equal(4_00, (await Shop.WalletAsync(winner)).GetProperty("held").GetInt64());
        Assert.Equal(0, (await Shop.WalletAsync(loser)).GetProperty("held").GetInt64());
        await AssertNotifiedAsync(winner, "auction-won");
        await AssertNotifiedAsync(seller, "auction-sold");
    }

    [Fact]
    public async Task Buy_now_before_the_first_bid_ends_the_auction_for_the_buyer()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller, startingPrice: 10_00, buyNowPrice: 40_00);
        using var buyer = await _house.Shop.BuyerAsync(50_00);
        using var late = await _house.Shop.BuyerAsync(50_00);

        var bought = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post($"/api/auctions/{auction}/buy-now", new { }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

        Assert.Equal("closed", bought.GetProperty("status").GetString());
        Assert.Equal(40_00, bought.GetProperty("currentPrice").GetInt64());
        Assert.Equal(buyer.Id, bought.GetProperty("winnerId").GetGuid());
        Assert.Equal(40_00, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
        await Problems.AssertAsync(await late.Client.SendAsync(Shop.Post($"/api/auctions/{auction}/buy-now", new { }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, "auction-not-live");
    }

    [Fact]
    public async Task Pending_auctions_are_private_and_listing_validates_its_fields()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var other = await _house.Shop.BuyerAsync(0);
        var category = await _house.Shop.CategoryAsync();
        var pending = await Json.ReadAsync(
            await seller.Client.SendAsync(Shop.Post("/api/auctions", new { title = "Lamp", categoryId = category, startingPrice = 5_00, endsAt = DateTimeOffset.UtcNow.AddHours(2) }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created);
        var id = pending.GetProperty("id").GetGuid();

        await Problems.AssertAsync(await other.Client.GetAsync(new Uri($"/api/auctions/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "auction-not-found");
        // A bid or a buy-now must not tell that a pending auction exists when GET does not (#22 item 7).
        await Problems.AssertAsync(await AuctionHouse.BidAsync(other, id, 5_00), HttpStatusCode.NotFound, "auction-not-found");
        await Problems.AssertAsync(await other.Client.SendAsync(Shop.Post($"/api/auctions/{id}/buy-now", new { }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.NotFound, "auction-not-found");
        Assert.Equal("pending-approval", (await AuctionHouse.GetAsync(seller, id)).GetProperty("status").GetString());

        async Task Refused(object body, string field) =>
            await Problems.AssertAsync(await seller.Client.SendAsync(Shop.Post("/api/auctions", body, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, "validation-failed", field);
        var end = DateTimeOffset.UtcNow.AddHours(1);
        await Refused(new { title = "x", categoryId = category, startingPrice = 0, endsAt = end }, "startingPrice");
        await Refused(new { title = "x", categoryId = category, startingPrice = 5_00, reservePrice = 1_00, endsAt = end }, "reservePrice");
        await Refused(new { title = "x", categoryId = category, startingPrice = 5_00, buyNowPrice = 5_00, endsAt = end }, "buyNowPrice");
        await Refused(new { title = "x", categoryId = category, startingPrice = 5_00, endsAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "endsAt");
        await Refused(new { title = "x", categoryId = category, startingPrice = 5_00, endsAt = end, increments = new[] { new { from = 10, step = 5 } } }, "increments");
        await Refused(new { title = "x", categoryId = category, startingPrice = 5_00, endsAt = end, softCloseSeconds = -1 }, "softCloseSeconds");

        using var admin = await TestUsers.AdminAsync(factory);
        var rejected = await Json.ReadAsync(await admin.Client.PostAsJsonAsync($"/api/admin/auctions/{id}/reject", new { reason = "Blurry photos" }, Ct));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await Problems.AssertAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{id}/approve", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "auction-not-pending");
        await Problems.AssertAsync(await AuctionHouse.BidAsync(other, id, 5_00), HttpStatusCode.NotFound, "auction-not-found");
    }

    [Fact]
    public async Task Admins_list_auctions_awaiting_approval_and_approve_one_whose_end_passed_with_a_new_end()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var admin = await TestUsers.AdminAsync(factory);
        var category = await _house.Shop.CategoryAsync();
        var endsAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var created = await Json.ReadAsync(
            await seller.Client.SendAsync(Shop.Post("/api/auctions", new { title = "Clock", categoryId = category, startingPrice = 5_00, endsAt }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        async Task<List<Guid>> QueueAsync(string query = "")
        {
            var ids = new List<Guid>();
            for (string? cursor = null, first = "?limit=100" + query; ; first = $"?limit=100{query}&cursor={Uri.EscapeDataString(cursor!)}")
            {
                var page = await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/auctions{first}", UriKind.Relative), Ct));
                ids.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
                if (page.GetProperty("next").GetString() is not { } next)
                {
                    return ids;
                }

                cursor = next;
            }
        }

        Assert.Contains(id, await QueueAsync());

        // Its end passes while it waits: it stays in the queue, and approving it needs a new end.
        await Task.Delay(endsAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), Ct);
        Assert.Contains(id, await QueueAsync("&status=pending-approval"));
        await Problems.AssertAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{id}/approve", UriKind.Relative), null, Ct), HttpStatusCode.BadRequest, "validation-failed", "endsAt");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync($"/api/admin/auctions/{id}/approve", new { endsAt = DateTimeOffset.UtcNow.AddMinutes(-5) }, Ct), HttpStatusCode.BadRequest, "validation-failed", "endsAt");
        await Problems.AssertAsync(await admin.Client.PostAsJsonAsync($"/api/admin/auctions/{id}/approve", new { startsAt = DateTimeOffset.UtcNow.AddDays(40), endsAt = DateTimeOffset.UtcNow.AddDays(41) }, Ct), HttpStatusCode.BadRequest, "validation-failed", "startsAt");
        Assert.Equal("pending-approval", (await AuctionHouse.GetAsync(seller, id)).GetProperty("status").GetString());

        var newEnd = DateTimeOffset.UtcNow.AddHours(3);
        var approved = await Json.ReadAsync(await admin.Client.PostAsJsonAsync($"/api/admin/auctions/{id}/approve", new { endsAt = newEnd }, Ct));
        Assert.Equal("live", approved.GetProperty("status").GetString());
        Assert.Equal(newEnd.ToUnixTimeMilliseconds(), approved.GetProperty("endsAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.DoesNotContain(id, await QueueAsync());
        Assert.Contains(id, await QueueAsync("&status=live"));

        await Problems.AssertAsync(await admin.Client.GetAsync(new Uri("/api/admin/auctions?status=pending", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "status");
        await Problems.AssertAsync(await seller.Client.GetAsync(new Uri("/api/admin/auctions", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_scheduled_auction_opens_by_itself_at_its_start()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var buyer = await _house.Shop.BuyerAsync(10_00);
        using var admin = await TestUsers.AdminAsync(factory);
        var category = await _house.Shop.CategoryAsync();
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var created = await Json.ReadAsync(
            await seller.Client.SendAsync(Shop.Post("/api/auctions", new { title = "Clock", categoryId = category, startingPrice = 1_00, startsAt, endsAt = startsAt.AddHours(1) }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var approved = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{id}/approve", UriKind.Relative), null, Ct));
        Assert.Equal("scheduled", approved.GetProperty("status").GetString());
        await Problems.AssertAsync(await AuctionHouse.BidAsync(buyer, id, 1_00), HttpStatusCode.Conflict, "auction-not-live");

        var status = await AuctionHouse.EventuallyAsync(async () => (await AuctionHouse.GetAsync(buyer, id)).GetProperty("status").GetString(), "live");
        Assert.Equal("live", status);
        Assert.True(DateTimeOffset.UtcNow >= startsAt);
        await AuctionHouse.AcceptedBidAsync(buyer, id, 1_00);
    }

    [Fact]
    public async Task The_list_finds_live_auctions_by_text_and_category()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var auction = await _house.LiveAsync(seller);
        using var anyone = factory.CreateClient();

        var page = await Json.ReadAsync(await anyone.GetAsync(new Uri("/api/auctions?status=live&q=telescope&limit=100", UriKind.Relative), Ct));

        Assert.Contains(page.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == auction);
        var byPrefix = await Json.ReadAsync(await anyone.GetAsync(new Uri("/api/auctions?status=live&q=teles&limit=100", UriKind.Relative), Ct));
        Assert.Contains(byPrefix.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == auction);
        await Problems.AssertAsync(await anyone.GetAsync(new Uri("/api/auctions?status=pending-approval", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "status");
    }
}
