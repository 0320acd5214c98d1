using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using GrainMarket.ApiGateway.Streaming;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Tracking;

public sealed class OrderTrackingTests(MarketplaceFactory factory)
{
    private readonly TrackedOrders _orders = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_watcher_sees_every_step_of_an_order_in_order()
    {
        using var seller = await _orders.SellerAsync();
        using var buyer = await _orders.BuyerAsync();
        using var admin = await TestUsers.AdminAsync(factory);
        var id = await _orders.PlaceAsync(buyer, seller);
        using var buyerWatch = await TrackedOrders.WatchAsync(factory.Server, id, buyer, "?after=0");
        using var sellerWatch = await TrackedOrders.WatchAsync(factory.Server, id, seller);

        // From the start (after=0): the event it missed, then the state.
        var placed = await buyerWatch.ReceiveAsync();
        Assert.Equal("placed", TrackedOrders.TypeOf(placed));
        var state = await buyerWatch.ReceiveAsync();
        Assert.Equal("state", TrackedOrders.TypeOf(state));
        Assert.Equal(1, state.GetProperty("sequence").GetInt64());
        Assert.Equal(id, state.GetProperty("order").GetProperty("id").GetGuid());
        Assert.Equal("placed", state.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(1, (await sellerWatch.ReceiveAsync("state")).GetProperty("sequence").GetInt64());

        await TrackedOrders.StepAsync(seller, id, "accept", "processing");
        await TrackedOrders.StepAsync(seller, id, "ship", "shipped");
        await TrackedOrders.StepAsync(admin, id, "deliver", "delivered");
        await TrackedOrders.StepAsync(buyer, id, "complete", "completed");

        List<JsonElement> events = [placed, .. await buyerWatch.EventsThroughAsync(5)];
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["placed", "processing", "shipped", "delivered", "completed"], events.Select(TrackedOrders.TypeOf));
        Assert.Equal(["buyer", "seller", "seller", "admin", "buyer"], events.Select(e => e.GetProperty("data").GetProperty("actor").GetString()));
        Assert.Equal(["placed", "processing", "shipped", "delivered", "completed"], events.Select(e => e.GetProperty("data").GetProperty("status").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("data").GetProperty("orderId").GetGuid()));
        Assert.All(events, e => Assert.True(e.GetProperty("at").TryGetDateTimeOffset(out _)));

        // Nothing identifies a user: the data is the order, a role and a status.
        Assert.All(events, e => Assert.Equal(["orderId", "actor", "status"], e.GetProperty("data").EnumerateObject().Select(p => p.Name)));

        // The seller, who came at sequence 1, gets the same messages from there on.
        var seen = (await sellerWatch.EventsThroughAsync(5)).Select(e => e.GetRawText());
        Assert.Equal(events.Skip(1).Select(e => e.GetRawText()), seen);
    }

    [Fact]
    public async Task A_watcher_that_reconnects_with_after_gets_exactly_what_it_missed()
    {
        using var seller = await _orders.SellerAsync();
        using var buyer = await _orders.BuyerAsync();
        using var admin = await TestUsers.AdminAsync(factory);
        var id = await _orders.PlaceAsync(buyer, seller);
        using (var first = await TrackedOrders.WatchAsync(factory.Server, id, buyer))
        {
            Assert.Equal(1, (await first.ReceiveAsync("state")).GetProperty("sequence").GetInt64());
            await TrackedOrders.StepAsync(seller, id, "accept", "processing");
            Assert.Equal(2, Assert.Single(await first.EventsThroughAsync(2)).GetProperty("sequence").GetInt64());
            await first.CloseAsync();
        }

        await TrackedOrders.StepAsync(seller, id, "ship", "shipped");
        await TrackedOrders.StepAsync(admin, id, "deliver", "delivered");
        using var again = await TrackedOrders.WatchAsync(factory.Server, id, buyer, "?after=2");

        // What it missed first, in order, then the state as it stands after them.
        var replayed = await again.EventsThroughAsync(4);
        Assert.Equal([3L, 4], replayed.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["shipped", "delivered"], replayed.Select(TrackedOrders.TypeOf));
        var state = await again.ReceiveAsync();
        Assert.Equal("state", TrackedOrders.TypeOf(state));
        Assert.Equal(4, state.GetProperty("sequence").GetInt64());

        // Live again, and nothing twice: the next message is the next event.
        await TrackedOrders.StepAsync(buyer, id, "complete", "completed");
        var next = await again.ReceiveAsync();
        Assert.Equal(5, next.GetProperty("sequence").GetInt64());
        Assert.Equal("completed", TrackedOrders.TypeOf(next));
    }

    [Fact]
    public async Task Only_the_orders_parties_and_admins_may_watch_it_and_refusals_come_before_the_upgrade()
    {
        using var seller = await _orders.SellerAsync();
        using var buyer = await _orders.BuyerAsync();
        using var stranger = await _orders.BuyerAsync();
        using var otherSeller = await _orders.SellerAsync();
        using var courier = await TestUsers.CreateAsync(factory, "courier");
        using var admin = await TestUsers.AdminAsync(factory);
        using var anonymous = factory.CreateClient();
        var id = await _orders.PlaceAsync(buyer, seller);

        foreach (var outsider in new[] { stranger, otherSeller, courier })
        {
            await Problems.AssertAsync(await outsider.Client.GetAsync(new Uri($"/ws/orders/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "order-not-found");
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => TrackedOrders.WatchAsync(factory.Server, id, outsider));
            Assert.Contains("404", refused.Message, StringComparison.Ordinal);
        }

        await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri($"/ws/orders/{Guid.NewGuid()}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "order-not-found");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/ws/orders/{id}", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/ws/orders", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri($"/ws/orders/{id}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "websocket-required");
        await Problems.AssertAsync(await seller.Client.GetAsync(new Uri("/ws/orders", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "websocket-required");
        foreach (var after in new[] { "-1", "abc", "1.5", "", "99999999999999999999" })
        {
            await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri($"/ws/orders/{id}?after={after}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "after");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ws/orders/{id}");
        request.Headers.Add("Origin", "https://elsewhere.example");
        await Problems.AssertAsync(await buyer.Client.SendAsync(request, Ct), HttpStatusCode.Forbidden, "forbidden");

        // An admin watches any order; a watcher's message closes its socket (the stream takes none).
        using var watcher = await TrackedOrders.WatchAsync(factory.Server, id, admin);
        Assert.Equal(id, (await watcher.ReceiveAsync("state")).GetProperty("order").GetProperty("id").GetGuid());
        await watcher.SendAsync(new { type = "hello" });
        var (_, status, _) = await watcher.ReceiveUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
    }

    [Fact]
    public async Task A_watcher_on_another_gateway_sees_the_events_of_an_order_changed_through_the_first()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        using var seller = await _orders.SellerAsync();
        using var buyer = await _orders.BuyerAsync();
        var id = await _orders.PlaceAsync(buyer, seller);
        using var here = await TrackedOrders.WatchAsync(factory.Server, id, buyer);
        using var there = await TrackedOrders.WatchAsync(second.Server, id, buyer);
        await here.ReceiveAsync("state");
        await there.ReceiveAsync("state");

        await TrackedOrders.StepAsync(seller, id, "accept", "processing");
        await TrackedOrders.StepAsync(seller, id, "ship", "shipped");

        var seenHere = (await here.EventsThroughAsync(3)).Select(e => e.GetRawText()).ToList();
        var seenThere = (await there.EventsThroughAsync(3)).Select(e => e.GetRawText()).ToList();
        Assert.Equal(seenHere, seenThere);
        Assert.Equal(["processing", "shipped"], seenThere.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task One_socket_follows_all_of_the_callers_active_orders_and_the_new_ones()
    {
        using var sellerA = await _orders.SellerAsync();
        using var sellerB = await _orders.SellerAsync();
        using var buyer = await _orders.BuyerAsync();
        var first = await _orders.PlaceAsync(buyer, sellerA);
        var second = await _orders.PlaceAsync(buyer, sellerB);
        using var mine = await StreamWatcher.ConnectToAsync(factory.Server, "ws/orders", buyer);
        using var sellersView = await StreamWatcher.ConnectToAsync(factory.Server, "ws/orders", sellerA);

        var states = await TrackedOrders.ReceiveUntilAsync(mine, m => m.Count == 2);
        Assert.All(states, s => Assert.Equal("state", TrackedOrders.TypeOf(s)));
        Assert.Equal(new HashSet<Guid> { first, second }, states.Select(TrackedOrders.OrderOf).ToHashSet());
        Assert.All(states, s => Assert.Equal(1, s.GetProperty("sequence").GetInt64()));
        Assert.Equal(first, TrackedOrders.OrderOf(await sellersView.ReceiveAsync("state")));

        await TrackedOrders.StepAsync(sellerA, first, "accept", "processing");
        await TrackedOrders.StepAsync(sellerB, second, "accept", "processing");
        await TrackedOrders.StepAsync(sellerB, second, "ship", "shipped");
        var third = await _orders.PlaceAsync(buyer, sellerA);

        // Each order's events in its own order; the new order comes as its state, then its events.
        var messages = await TrackedOrders.ReceiveUntilAsync(mine, m => m.Count == 4);
        Assert.Equal([(first, "processing", 2L)], Of(messages, first));
        Assert.Equal([(second, "processing", 2L), (second, "shipped", 3L)], Of(messages, second));
        var placed = Assert.Single(messages, m => TrackedOrders.OrderOf(m) == third);
        Assert.Equal("state", TrackedOrders.TypeOf(placed));
        Assert.Equal(1, placed.GetProperty("sequence").GetInt64());

        await TrackedOrders.StepAsync(sellerA, third, "accept", "processing");
        var accepted = await mine.ReceiveAsync();
        Assert.Equal((third, "processing", 2L), (TrackedOrders.OrderOf(accepted), TrackedOrders.TypeOf(accepted), accepted.GetProperty("sequence").GetInt64()));

        // The seller's socket has only the seller's own orders: the first, and the third once placed.
        var sellers = await TrackedOrders.ReceiveUntilAsync(sellersView, m => m.Count == 3);
        Assert.Equal([(first, "processing", 2L)], Of(sellers, first));
        Assert.Equal([(third, "state", 1L), (third, "processing", 2L)], Of(sellers, third));
    }

    [Fact]
    public async Task An_order_placed_while_the_feed_was_cut_off_reaches_the_socket_of_all_orders_once_it_listens_again()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        var feed = second.Services.GetRequiredService<OrderEventFeed>();
        using var seller = await _orders.SellerAsync();
        using var buyer = await _orders.BuyerAsync();
        var first = await _orders.PlaceAsync(buyer, seller);
        using var mine = await StreamWatcher.ConnectToAsync(second.Server, "ws/orders", buyer);
        Assert.Equal(first, TrackedOrders.OrderOf(await mine.ReceiveAsync("state")));
        await FeedConnections.WaitUntilAsync(() => feed.Status.Listening);
        var before = feed.Status;

        // The gateway loses its listening connection and cannot get another while an order is placed and one moves.
        second.RefuseConnections = true;
        await FeedConnections.TerminateAsync(before.BackendProcessId!.Value);
        await FeedConnections.WaitUntilAsync(() => !feed.Status.Listening);
        var placed = await _orders.PlaceAsync(buyer, seller);
        await TrackedOrders.StepAsync(seller, first, "accept", "processing");
        Assert.False(feed.Status.Listening);
        second.RefuseConnections = false;

        var messages = await TrackedOrders.ReceiveUntilAsync(mine, m => m.Count == 2);
        Assert.Equal([(first, "processing", 2L)], Of(messages, first));
        Assert.Equal([(placed, "state", 1L)], Of(messages, placed));
        Assert.True(feed.Status.Connects > before.Connects);
    }

    private static List<(Guid Order, string? Type, long Sequence)> Of(List<JsonElement> messages, Guid order) =>
        [.. messages.Where(m => TrackedOrders.OrderOf(m) == order).Select(m => (order, TrackedOrders.TypeOf(m), m.GetProperty("sequence").GetInt64()))];
}
