using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Streaming;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Auctions;

public sealed class AuctionStreamTests(MarketplaceFactory factory)
{
    private readonly AuctionSeed _seed = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_watcher_gets_the_state_first_then_every_event_in_order()
    {
        using var lot = await _seed.LotAsync(softCloseSeconds: 3600);
        var id = lot.Id;
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, id);

        var state = await watcher.ReceiveAsync();
        Assert.Equal("state", state.GetProperty("type").GetString());
        Assert.Equal(1, state.GetProperty("sequence").GetInt64());
        using var anonymous = factory.CreateClient();
        var rest = await AuctionSeed.GetAsync(anonymous, id);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rest.GetRawText()), JsonNode.Parse(state.GetProperty("auction").GetRawText())), $"{rest} differs from {state}");

        var first = await AuctionSeed.BidAsync(lot.Alice, id, AuctionSeed.StartingPrice);
        var second = await AuctionSeed.BidAsync(lot.Bob, id, first.GetProperty("minNextBid").GetInt64());
        await _seed.AdminAsync(id, "close");

        // opened (1), then: alice's bid and the soft close it triggers, bob's bid (the one extension is used up), the close.
        var events = await watcher.EventsThroughAsync(5);
        Assert.Equal([2L, 3, 4, 5], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["bid", "extended", "bid", "closed"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(AuctionSeed.StartingPrice, events[0].GetProperty("data").GetProperty("currentPrice").GetInt64());
        Assert.Equal(1, events[0].GetProperty("data").GetProperty("bidCount").GetInt32());
        Assert.Equal(1, events[1].GetProperty("data").GetProperty("extensions").GetInt32());
        Assert.Equal(second.GetProperty("currentPrice").GetInt64(), events[2].GetProperty("data").GetProperty("currentPrice").GetInt64());
        Assert.NotEqual(events[0].GetProperty("data").GetProperty("leader").GetString(), events[2].GetProperty("data").GetProperty("leader").GetString());
        Assert.Equal("closed", events[3].GetProperty("data").GetProperty("status").GetString());
        Assert.All(events, e => Assert.True(e.GetProperty("at").TryGetDateTimeOffset(out _)));
    }

    [Fact]
    public async Task A_watcher_that_reconnects_with_after_gets_exactly_what_it_missed()
    {
        using var lot = await _seed.LotAsync();
        var (id, alice, bob) = (lot.Id, lot.Alice, lot.Bob);
        using (var first = await StreamWatcher.ConnectAsync(factory.Server, id))
        {
            await first.ReceiveAsync("state");
            await AuctionSeed.BidAsync(alice, id, AuctionSeed.StartingPrice);
            Assert.Equal(2, Assert.Single(await first.EventsThroughAsync(2)).GetProperty("sequence").GetInt64());
            await first.CloseAsync();
        }

        var missed1 = await AuctionSeed.BidAsync(bob, id, 1_500);
        var missed2 = await AuctionSeed.BidAsync(alice, id, 2_000);
        using var again = await StreamWatcher.ConnectAsync(factory.Server, id, "?after=2");

        // What it missed first, in order, then the state as it stands after them.
        var replayed = await again.EventsThroughAsync(4);
        Assert.Equal([3L, 4], replayed.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["bid", "bid"], replayed.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([missed1.GetProperty("currentPrice").GetInt64(), missed2.GetProperty("currentPrice").GetInt64()], replayed.Select(e => e.GetProperty("data").GetProperty("currentPrice").GetInt64()));
        var state = await again.ReceiveAsync();
        Assert.Equal("state", state.GetProperty("type").GetString());
        Assert.Equal(4, state.GetProperty("sequence").GetInt64());
        Assert.Equal(missed2.GetProperty("currentPrice").GetInt64(), state.GetProperty("auction").GetProperty("currentPrice").GetInt64());

        // Live again, and nothing twice: the next message is the next event.
        await AuctionSeed.BidAsync(bob, id, 2_500);
        Assert.Equal(5, (await again.ReceiveAsync()).GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Events_reach_watchers_on_two_gateways_each_with_its_own_feed()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        using var lot = await _seed.LotAsync();
        var (id, alice, bob) = (lot.Id, lot.Alice, lot.Bob);
        using var here = await StreamWatcher.ConnectAsync(factory.Server, id);
        using var there = await StreamWatcher.ConnectAsync(second.Server, id, user: bob);
        await here.ReceiveAsync("state");
        await there.ReceiveAsync("state");

        // A bid over REST on the first gateway, one over the socket on the second, and the close.
        await AuctionSeed.BidAsync(alice, id, AuctionSeed.StartingPrice);
        await there.SendAsync(new { type = "place_bid", amount = 1_500, requestId = "bob-1" });
        Assert.True((await there.ReceiveAsync("bid_result")).GetProperty("bid").GetProperty("leading").GetBoolean());
        await AuctionSeed.BidAsync(alice, id, 3_000);
        await _seed.AdminAsync(id, "close");

        var seenHere = (await here.EventsThroughAsync(5)).Select(e => e.GetRawText()).ToList();
        var seenThere = (await there.EventsThroughAsync(5)).Select(e => e.GetRawText()).ToList();
        Assert.Equal(seenHere, seenThere);
        Assert.Equal(["bid", "bid", "bid", "closed"], seenHere.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("type").GetString()));
        var feeds = new[] { factory.Services.GetRequiredService<AuctionEventFeed>().Status, second.Feed.Status };
        Assert.All(feeds, status => Assert.True(status.Listening));
        Assert.NotEqual(feeds[0].BackendProcessId, feeds[1].BackendProcessId);
    }

    [Fact]
    public async Task A_feed_that_loses_its_connection_delivers_what_was_committed_meanwhile()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        using var lot = await _seed.LotAsync();
        var (id, alice, bob) = (lot.Id, lot.Alice, lot.Bob);
        using var watcher = await StreamWatcher.ConnectAsync(second.Server, id);
        await watcher.ReceiveAsync("state");
        await AuctionSeed.BidAsync(alice, id, AuctionSeed.StartingPrice);
        Assert.Single(await watcher.EventsThroughAsync(2));
        var before = await ListeningAsync(second.Feed);

        // The gateway loses its listening connection and cannot get another, while bids keep committing.
        second.RefuseConnections = true;
        await FeedConnections.TerminateAsync(before.BackendProcessId!.Value);
        await FeedConnections.WaitUntilAsync(() => !second.Feed.Status.Listening);
        await AuctionSeed.BidAsync(bob, id, 1_500);
        await AuctionSeed.BidAsync(alice, id, 2_000);
        Assert.False(second.Feed.Status.Listening);
        second.RefuseConnections = false;

        var events = await watcher.EventsThroughAsync(4);
        Assert.Equal([3L, 4], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([1_500L, 2_000], events.Select(e => e.GetProperty("data").GetProperty("currentPrice").GetInt64()));
        var after = await ListeningAsync(second.Feed);
        Assert.True(after.Connects > before.Connects);
        Assert.NotEqual(before.BackendProcessId, after.BackendProcessId);

        await AuctionSeed.BidAsync(bob, id, 2_500);
        Assert.Equal(5, (await watcher.ReceiveAsync()).GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task A_buyer_bids_over_the_socket_and_the_REST_view_agrees()
    {
        using var lot = await _seed.LotAsync();
        var (id, alice, bob) = (lot.Id, lot.Alice, lot.Bob);
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, id, user: alice);
        await watcher.ReceiveAsync("state");

        await watcher.SendAsync(new { type = "place_bid", amount = AuctionSeed.StartingPrice, requestId = "alice-1" });
        var result = await watcher.ReceiveAsync("bid_result");
        Assert.Equal("alice-1", result.GetProperty("requestId").GetString());
        var bid = result.GetProperty("bid");
        Assert.True(bid.GetProperty("accepted").GetBoolean());
        Assert.True(bid.GetProperty("leading").GetBoolean());
        Assert.Equal(AuctionSeed.StartingPrice, bid.GetProperty("currentPrice").GetInt64());
        Assert.Equal("USD", bid.GetProperty("currency").GetString());
        var view = await AuctionSeed.GetAsync(alice.Client, id);
        Assert.Equal(alice.Id, view.GetProperty("leaderId").GetGuid());
        Assert.Equal(AuctionSeed.StartingPrice, view.GetProperty("currentPrice").GetInt64());
        Assert.Equal(1, view.GetProperty("bidCount").GetInt32());

        // The requestId names the bid: sent again, it is the same bid, not a second one.
        await watcher.SendAsync(new { type = "place_bid", amount = AuctionSeed.StartingPrice, requestId = "alice-1" });
        Assert.Equal(bid.GetProperty("id").GetGuid(), (await watcher.ReceiveAsync("bid_result")).GetProperty("bid").GetProperty("id").GetGuid());
        Assert.Equal(1, (await AuctionSeed.GetAsync(alice.Client, id)).GetProperty("bidCount").GetInt32());

        // A browser has no header to set: the access cookie signs the socket in.
        using var bobWatcher = await StreamWatcher.ConnectAsync(factory.Server, id, user: bob, cookie: true);
        await bobWatcher.ReceiveAsync("state");
        await bobWatcher.SendAsync(new { type = "place_bid", amount = bid.GetProperty("minNextBid").GetInt64(), maxAmount = 5_000, requestId = "bob-1" });
        var bobBid = (await bobWatcher.ReceiveAsync("bid_result")).GetProperty("bid");
        Assert.True(bobBid.GetProperty("leading").GetBoolean());
        view = await AuctionSeed.GetAsync(bob.Client, id);
        Assert.Equal(bob.Id, view.GetProperty("leaderId").GetGuid());
        Assert.Equal(5_000, view.GetProperty("leaderMax").GetInt64());
        Assert.Equal(bobBid.GetProperty("currentPrice").GetInt64(), view.GetProperty("currentPrice").GetInt64());
        // Exactly the maximum.
        var held = await Shop.WalletAsync(bob);
        Assert.Equal(5_000, held.GetProperty("held").GetInt64());

        // Every watcher sees both bids as events.
        var events = await watcher.EventsThroughAsync(3);
        Assert.Equal(bobBid.GetProperty("currentPrice").GetInt64(), events[^1].GetProperty("data").GetProperty("currentPrice").GetInt64());
    }

    [Fact]
    public async Task Only_a_signed_in_buyer_may_bid_over_the_socket()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var id = await _seed.AuctionAsync(seller);
        using var anonymous = await StreamWatcher.ConnectAsync(factory.Server, id);
        using var asSeller = await StreamWatcher.ConnectAsync(factory.Server, id, user: seller);
        await anonymous.ReceiveAsync("state");
        await asSeller.ReceiveAsync("state");

        await anonymous.SendAsync(new { type = "place_bid", amount = AuctionSeed.StartingPrice, requestId = "a" });
        AssertProblem(await anonymous.ReceiveAsync("bid_error"), HttpStatusCode.Unauthorized, "unauthenticated", requestId: "a");
        await asSeller.SendAsync(new { type = "place_bid", amount = AuctionSeed.StartingPrice, requestId = "s" });
        AssertProblem(await asSeller.ReceiveAsync("bid_error"), HttpStatusCode.Forbidden, "forbidden", requestId: "s");

        // A session that ends (here: logout) ends the socket's right to bid, though the socket stays open.
        using var buyer = await _seed.BuyerAsync();
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, id, user: buyer);
        await watcher.ReceiveAsync("state");
        using (var logout = await buyer.Client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null, Ct))
        {
            Assert.True(logout.IsSuccessStatusCode, $"logout answered {(int)logout.StatusCode}");
        }

        await watcher.SendAsync(new { type = "place_bid", amount = AuctionSeed.StartingPrice, requestId = "b" });
        AssertProblem(await watcher.ReceiveAsync("bid_error"), HttpStatusCode.Unauthorized, "unauthenticated", requestId: "b");
        Assert.Equal(0, (await AuctionSeed.GetAsync(seller.Client, id)).GetProperty("bidCount").GetInt32());
    }

    [Fact]
    public async Task Malformed_messages_get_a_bid_error_and_the_stream_goes_on()
    {
        using var lot = await _seed.LotAsync();
        var (id, buyer) = (lot.Id, lot.Alice);
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, id, user: buyer);
        await watcher.ReceiveAsync("state");

        // Each is a 400 problem (as REST answers a body it cannot read, or one that breaks a rule).
        var cases = new (string Message, string Code, string? Field, string? RequestId)[]
        {
            ("not json", "malformed-request", null, null),
            ("null", "malformed-request", "type", null),
            ("[1, 2]", "malformed-request", null, null),
            ("""{"type":"hello","requestId":"h"}""", "malformed-request", "type", "h"),
            ("""{"type":"place_bid","amount":"lots","requestId":"x"}""", "malformed-request", "$.amount", "x"),
            ("""{"type":"place_bid","amount":1000,"requestId":"y","extra":1}""", "malformed-request", "$.extra", "y"),
            ("""{"type":"place_bid","amount":1000}""", "validation-failed", "requestId", null),
            ($$"""{"type":"place_bid","amount":1000,"requestId":"{{new string('r', 101)}}"}""", "validation-failed", "requestId", new string('r', 101)),
            ("""{"type":"place_bid","amount":0,"requestId":"zero"}""", "validation-failed", "amount", "zero"),
            ("""{"type":"place_bid","amount":1000,"maxAmount":500,"requestId":"max"}""", "validation-failed", "maxAmount", "max"),
        };
        foreach (var (message, code, field, requestId) in cases)
        {
            await watcher.SendAsync(message);
            var error = await watcher.ReceiveAsync("bid_error");
            AssertProblem(error, HttpStatusCode.BadRequest, code, field, requestId);
        }

        await watcher.SendAsync([1, 2, 3], WebSocketMessageType.Binary);
        AssertProblem(await watcher.ReceiveAsync("bid_error"), HttpStatusCode.BadRequest, "malformed-request");

        // The same rules and the same problems as REST.
        var overRest = await buyer.Client.SendAsync(Shop.Post($"/api/auctions/{id}/bids", new { amount = 0 }, "rest-zero"), Ct);
        var restProblem = await Problems.AssertAsync(overRest, HttpStatusCode.BadRequest, "validation-failed", "amount");
        await watcher.SendAsync(new { type = "place_bid", amount = 0, requestId = "zero-again" });
        Assert.Equal(restProblem.GetProperty("detail").GetString(), (await watcher.ReceiveAsync("bid_error")).GetProperty("problem").GetProperty("detail").GetString());
        await watcher.SendAsync(new { type = "place_bid", amount = 1, requestId = "low" });
        var tooLow = await watcher.ReceiveAsync("bid_error");
        AssertProblem(tooLow, HttpStatusCode.Conflict, "bid-too-low", "amount", "low");
        Assert.Equal(AuctionSeed.StartingPrice, tooLow.GetProperty("problem").GetProperty("minNextBid").GetInt64());

        await watcher.SendAsync(new { type = "place_bid", amount = AuctionSeed.StartingPrice, requestId = "fine" });
        Assert.True((await watcher.ReceiveAsync("bid_result")).GetProperty("bid").GetProperty("accepted").GetBoolean());
        Assert.Equal("bid", Assert.Single(await watcher.EventsThroughAsync(2)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_message_over_4_KB_closes_the_socket_as_too_big()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var id = await _seed.AuctionAsync(seller);
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, id);
        await watcher.ReceiveAsync("state");

        await watcher.SendAsync($$"""{"type":"place_bid","requestId":"{{new string('x', AuctionStreamApi.MaxMessageBytes)}}"}""");

        var (messages, status, _) = await watcher.ReceiveUntilClosedAsync();
        Assert.Empty(messages);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }

    [Fact]
    public async Task A_live_watcher_that_falls_too_far_behind_is_closed_and_catches_up_with_after()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var id = await _seed.AuctionAsync(seller);
        using var buyer = await _seed.BuyerAsync();
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, id);
        await watcher.ReceiveAsync("state");
        await AuctionSeed.BidAsync(buyer, id, AuctionSeed.StartingPrice);
        Assert.Single(await watcher.EventsThroughAsync(2));

        // The watcher is live. Then more events than its buffer holds commit at once, as the projection writes them.
        const int First = 1001;
        const int Count = 4 * EventFeed.Backlog;
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using (var burst = dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO auction_events (auction_id, sequence, type, data, at)
                SELECT $1, n, 'bid', jsonb_build_object('status', 'live', 'currentPrice', n), now() FROM generate_series($2::bigint, $3::bigint) AS n
                RETURNING sequence)
            SELECT pg_notify('auction_events', $1::text || ':' || max(sequence)) FROM inserted
            """))
        {
            burst.Parameters.Add(new NpgsqlParameter { Value = id });
            burst.Parameters.Add(new NpgsqlParameter { Value = (long)First });
            burst.Parameters.Add(new NpgsqlParameter { Value = (long)(First + Count - 1) });
            await burst.ExecuteNonQueryAsync(Ct);
        }

        var (messages, status, description) = await watcher.ReceiveUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        var received = messages.Select(m => m.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(First, received.Count).Select(s => (long)s), received);
        Assert.True(received.Count < Count, $"All {Count} events arrived: the watcher never fell behind");
        var resume = long.Parse(description!.Split("after=")[1].TrimEnd('.'), CultureInfo.InvariantCulture);
        Assert.Equal(received.Count == 0 ? 2 : received[^1], resume);

        // Coming back with after, it catches up at its own pace: everything it missed, in order, and no more.
        using var again = await StreamWatcher.ConnectAsync(factory.Server, id, $"?after={resume}");
        await again.ReceiveAsync("state");
        var caughtUp = await again.EventsThroughAsync(First + Count - 1);
        Assert.Equal(Enumerable.Range(First + received.Count, Count - received.Count).Select(s => (long)s), caughtUp.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Requests_that_cannot_stream_are_refused_with_a_problem_before_the_upgrade()
    {
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var live = await _seed.AuctionAsync(seller);
        var pending = await _seed.AuctionAsync(seller, approve: false);
        using var anonymous = factory.CreateClient();
        using var buyer = await _seed.BuyerAsync(0);

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/ws/auctions/{live}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "websocket-required");
        foreach (var after in new[] { "-1", "abc", "1.5", "", "99999999999999999999" })
        {
            await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/ws/auctions/{live}?after={after}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "after");
        }

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/ws/auctions/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "auction-not-found");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/ws/auctions/{pending}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "auction-not-found");
        await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri($"/ws/auctions/{pending}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "auction-not-found");
        await Problems.AssertAsync(await seller.Client.GetAsync(new Uri($"/ws/auctions/{pending}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "websocket-required");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ws/auctions/{live}");
        request.Headers.Add("Origin", "https://elsewhere.example");
        await Problems.AssertAsync(await anonymous.SendAsync(request, Ct), HttpStatusCode.Forbidden, "forbidden");

        // The same refusals end a WebSocket handshake; the seller watches their pending auction.
        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => StreamWatcher.ConnectAsync(factory.Server, Guid.NewGuid()));
        Assert.Contains("404", unknown.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAnyAsync<Exception>(() => StreamWatcher.ConnectAsync(factory.Server, live, origin: "https://elsewhere.example"));
        Assert.Contains("403", foreign.Message, StringComparison.Ordinal);
        using var own = await StreamWatcher.ConnectAsync(factory.Server, pending, user: seller);
        Assert.Equal("pending-approval", (await own.ReceiveAsync("state")).GetProperty("auction").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_database_the_stream_answers_503()
    {
        await using var memory = new GatewayFactory(postgres: false);
        using var client = memory.CreateClient();

        await Problems.AssertAsync(await client.GetAsync(new Uri($"/ws/auctions/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.ServiceUnavailable, "read-model-unavailable");
    }

    private static void AssertProblem(JsonElement message, HttpStatusCode status, string code, string? field = null, string? requestId = null)
    {
        Assert.Equal("bid_error", message.GetProperty("type").GetString());
        var problem = message.GetProperty("problem");
        Assert.True(problem.GetProperty("code").GetString() == code, $"Expected {code}, got {message}");
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        Assert.Equal(requestId, message.GetProperty("requestId").GetString());
    }

    private static async Task<FeedStatus> ListeningAsync(AuctionEventFeed feed)
    {
        await FeedConnections.WaitUntilAsync(() => feed.Status.Listening);
        return feed.Status;
    }
}
