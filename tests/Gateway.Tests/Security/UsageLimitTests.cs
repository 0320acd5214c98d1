using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>
/// Issue #24, item 18: per-caller limits on search, checkout and bids (REST and the live stream together), answered
/// with 429 <c>too-many-attempts</c> and <c>Retry-After</c>; a cap of open live streams per client address; and a
/// message rate per socket, past which messages are refused and, kept up, the socket is closed.
/// </summary>
public sealed class UsageLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_allows_the_limit_per_user_then_answers_429_with_retry_after_and_other_users_still_search()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_SEARCH_LIMIT_PER_MINUTE"] = "3" }, Ct);
        using var alice = await TestUsers.CreateAsync(factory, "buyer");
        using var bob = await TestUsers.CreateAsync(factory, "buyer");

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await SearchAsync(alice.Client);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await SearchAsync(alice.Client);
        await AssertLimitedAsync(refused);
        using var other = await SearchAsync(bob.Client);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Checkout_and_buy_now_share_the_limit_and_a_repeated_idempotency_key_counts_too()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_CHECKOUT_LIMIT_PER_MINUTE"] = "3" }, Ct);
        var shop = new Shop(factory);
        using var alice = await shop.BuyerAsync(0);
        using var bob = await shop.BuyerAsync(0);
        var key = Guid.NewGuid().ToString();

        // Refused ones (an empty cart, an unknown product) count as well: the limit is on requests, not on orders.
        using var first = await Shop.CheckoutAsync(alice, key);
        using var repeated = await Shop.CheckoutAsync(alice, key);
        using var buyNow = await Shop.BuyNowAsync(alice, Guid.NewGuid(), 1);
        Assert.All([first, repeated, buyNow], response => Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode));

        using var refused = await Shop.BuyNowAsync(alice, Guid.NewGuid(), 1);
        await AssertLimitedAsync(refused);
        using var refusedCheckout = await Shop.CheckoutAsync(alice);
        await AssertLimitedAsync(refusedCheckout);
        using var other = await Shop.CheckoutAsync(bob);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task Bids_over_rest_and_over_the_live_stream_share_one_limit_per_user()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_BID_LIMIT_PER_MINUTE"] = "3" }, Ct);
        using var lot = await new AuctionSeed(factory).LotAsync();
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, lot.Id, user: lot.Alice);
        await watcher.ReceiveAsync("state");

        // Whether the auction accepts them or not (Alice raising her own bid), each bid counts.
        using var firstOverRest = await AuctionHouse.BidAsync(lot.Alice, lot.Id, 1_000);
        using var secondOverRest = await AuctionHouse.BidAsync(lot.Alice, lot.Id, 2_000);
        Assert.Equal(HttpStatusCode.Created, firstOverRest.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, secondOverRest.StatusCode);
        await watcher.SendAsync(new { type = "place_bid", amount = 3_000, requestId = "third" });
        var third = await AnswerToAsync(watcher, "third");
        Assert.False(third.TryGetProperty("problem", out var problem) && problem.GetProperty("status").GetInt32() == 429, third.ToString());

        // The fourth bid, over the socket, and a fifth over REST are refused; Bob's is not.
        await watcher.SendAsync(new { type = "place_bid", amount = 7_000, requestId = "fourth" });
        var refused = await AnswerToAsync(watcher, "fourth");
        Assert.Equal("bid_error", refused.GetProperty("type").GetString());
        Assert.Equal(429, refused.GetProperty("problem").GetProperty("status").GetInt32());
        Assert.Equal(ErrorCodes.TooManyAttempts, refused.GetProperty("problem").GetProperty("code").GetString());
        using var overRest = await AuctionHouse.BidAsync(lot.Alice, lot.Id, 8_000);
        await AssertLimitedAsync(overRest);
        using var bobs = await AuctionHouse.BidAsync(lot.Bob, lot.Id, 10_000);
        Assert.Equal(HttpStatusCode.Created, bobs.StatusCode);
    }

    [Fact]
    public async Task One_address_may_hold_only_the_configured_number_of_live_streams()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_WS_PER_ADDRESS"] = "2" }, Ct);
        using var lot = await new AuctionSeed(factory).LotAsync();
        using var first = await StreamWatcher.ConnectAsync(factory.Server, lot.Id);
        using var second = await StreamWatcher.ConnectAsync(factory.Server, lot.Id, user: lot.Alice);
        await first.ReceiveAsync("state");
        await second.ReceiveAsync("state");

        var third = await Assert.ThrowsAnyAsync<Exception>(() => StreamWatcher.ConnectAsync(factory.Server, lot.Id, user: lot.Bob));
        Assert.Contains("429", third.Message, StringComparison.Ordinal);

        // The open ones are untouched.
        await first.SendAsync(new { type = "ping", requestId = "still-here" });
        Assert.Equal("still-here", (await first.ReceiveAsync("bid_error")).GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Messages_past_the_socket_rate_are_refused_and_a_watcher_that_keeps_on_is_closed_with_a_policy_violation()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_WS_MESSAGES_PER_SECOND"] = "2" }, Ct);
        using var lot = await new AuctionSeed(factory).LotAsync();
        using var watcher = await StreamWatcher.ConnectAsync(factory.Server, lot.Id);
        await watcher.ReceiveAsync("state");

        // Two a second are answered (here: refused as malformed, which reads them); the rest are not read.
        for (var i = 1; i <= 6; i++)
        {
            await watcher.SendAsync(new { type = "ping", requestId = $"m{i}" });
        }

        var (messages, status, _) = await watcher.ReceiveUntilClosedAsync();
        Assert.Equal(
            ["bid_error:m1", "bid_error:m2", "rate_limited:m3", "rate_limited:m4", "rate_limited:m5", "rate_limited:m6"],
            messages.Select(m => $"{m.GetProperty("type").GetString()}:{m.GetProperty("requestId").GetString()}"));
        Assert.All(messages.Skip(2), m => Assert.Equal(ErrorCodes.TooManyAttempts, m.GetProperty("problem").GetProperty("code").GetString()));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
    }

    /// <summary>The answer to <paramref name="requestId"/>, past the auction's events.</summary>
    private static async Task<JsonElement> AnswerToAsync(StreamWatcher watcher, string requestId)
    {
        while (true)
        {
            var message = await watcher.ReceiveAsync();
            if (message.TryGetProperty("requestId", out var id) && id.GetString() == requestId)
            {
                return message;
            }
        }
    }

    private static Task<HttpResponseMessage> SearchAsync(HttpClient client) => client.GetAsync(new Uri("/api/products?q=grain", UriKind.Relative), Ct);

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        await Problems.AssertAsync(response, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyAttempts);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }
}
