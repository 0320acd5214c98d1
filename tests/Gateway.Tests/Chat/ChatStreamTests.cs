using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Chat;

public sealed class ChatStreamTests(MarketplaceFactory factory)
{
    private readonly ChatUsers _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_users_on_two_gateways_get_every_message_typing_and_receipt_in_order_and_none_is_lost_across_a_reconnect()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);
        using var here = await ChatUsers.WatchAsync(factory.Server, alice.User);
        var bobStart = 0L;
        using (var there = await ChatUsers.WatchAsync(second.Server, bob.User))
        {
            bobStart = (await there.ReceiveAsync("ready")).GetProperty("sequence").GetInt64();
            await here.ReceiveAsync("ready");
            for (var i = 1; i <= 5; i++)
            {
                await here.SendAsync(new { type = "send", conversationId = id, clientId = $"m{i}", text = $"message {i}" });
            }

            var acks = await ChatUsers.ReceiveAsync(here, "sent", 5);
            Assert.Equal([1L, 2, 3, 4, 5], acks.Select(a => a.GetProperty("sequence").GetInt64()));
            var received = await ChatUsers.ReceiveAsync(there, "message", 5);
            Assert.Equal(Enumerable.Range(1, 5).Select(i => bobStart + i), received.Select(e => e.GetProperty("sequence").GetInt64()));
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"message {i}"), received.Select(e => e.GetProperty("data").GetProperty("text").GetString()));
            Assert.All(received, e => Assert.Equal(id, e.GetProperty("data").GetProperty("conversationId").GetGuid()));
            Assert.All(received, e => Assert.Equal(alice.User.Id, e.GetProperty("data").GetProperty("senderId").GetGuid()));

            // The sender's own stream carries its messages too, for its other devices.
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"message {i}"), (await ChatUsers.ReceiveAsync(here, "message", 5)).Select(e => e.GetProperty("data").GetProperty("text").GetString()));
            await there.CloseAsync();
        }

        // While Bob is away: three more, through REST on the first gateway.
        for (var i = 6; i <= 8; i++)
        {
            await ChatUsers.SendAsync(alice.User, id, $"message {i}");
        }

        using var back = await ChatUsers.WatchAsync(second.Server, bob.User, $"?after={bobStart + 5}");
        Assert.Equal(bobStart + 8, (await back.ReceiveAsync("ready")).GetProperty("sequence").GetInt64());
        var missed = await ChatUsers.ReceiveAsync(back, "message", 3);
        Assert.Equal([bobStart + 6, bobStart + 7, bobStart + 8], missed.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["message 6", "message 7", "message 8"], missed.Select(e => e.GetProperty("data").GetProperty("text").GetString()));

        // Live again, and nothing twice: Bob's read receipt reaches Alice, and his next event is the read.
        await back.SendAsync(new { type = "read", conversationId = id, sequence = 8 });
        var receipt = await here.ReceiveAsync("read");
        Assert.Equal(8, receipt.GetProperty("data").GetProperty("sequence").GetInt64());
        Assert.Equal(bob.User.Id, receipt.GetProperty("data").GetProperty("userId").GetGuid());
        var own = await back.ReceiveAsync();
        Assert.Equal("read", ChatUsers.TypeOf(own));
        Assert.Equal(bobStart + 9, own.GetProperty("sequence").GetInt64());
        Assert.Equal(0, (await ChatUsers.EntryAsync(bob.User, id)).GetProperty("unread").GetInt64());

        // Typing is not stored, but it too crosses gateways.
        await here.SendAsync(new { type = "typing", conversationId = id });
        var typing = await back.ReceiveAsync("typing");
        Assert.Equal(id, typing.GetProperty("conversationId").GetGuid());
        Assert.Equal(alice.User.Id, typing.GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task Messages_from_two_conversations_at_once_number_the_recipients_stream_without_gaps()
    {
        var alice = await _users.CreateAsync();
        var bob = await _users.CreateAsync();
        var carol = await _users.CreateAsync();
        using (alice.User)
        using (bob.User)
        using (carol.User)
        {
            var fromAlice = await ChatUsers.StartAsync(alice.User, bob.User.Id);
            var fromCarol = await ChatUsers.StartAsync(carol.User, bob.User.Id);
            using var watcher = await ChatUsers.WatchAsync(factory.Server, bob.User, "?after=0");
            Assert.Equal(0, (await watcher.ReceiveAsync("ready")).GetProperty("sequence").GetInt64());

            const int PerSender = 10;
            async Task SendAllAsync(TestUser sender, Guid conversationId)
            {
                for (var i = 1; i <= PerSender; i++)
                {
                    await ChatUsers.SendAsync(sender, conversationId, $"{i}");
                }
            }

            await Task.WhenAll(SendAllAsync(alice.User, fromAlice), SendAllAsync(carol.User, fromCarol));
            var events = await watcher.EventsThroughAsync(2 * PerSender);
            Assert.Equal(Enumerable.Range(1, 2 * PerSender).Select(i => (long)i), events.Select(e => e.GetProperty("sequence").GetInt64()));

            // Each conversation's messages arrive in their own order, interleaved however the commits fell.
            foreach (var conversationId in new[] { fromAlice, fromCarol })
            {
                var texts = events.Where(e => e.GetProperty("data").GetProperty("conversationId").GetGuid() == conversationId).Select(e => e.GetProperty("data").GetProperty("text").GetString());
                Assert.Equal(Enumerable.Range(1, PerSender).Select(i => $"{i}"), texts);
            }
        }
    }

    [Fact]
    public async Task A_recipient_with_a_socket_open_on_another_gateway_gets_no_notification()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);
        using (var there = await ChatUsers.WatchAsync(second.Server, bob.User))
        {
            await there.ReceiveAsync("ready");
            await ChatUsers.SendAsync(alice.User, id, "You there?");
            Assert.Equal("You there?", (await there.ReceiveAsync("message")).GetProperty("data").GetProperty("text").GetString());
            await there.CloseAsync();
        }

        Assert.Empty(await ChatNotificationsAsync(bob.User));
    }

    [Fact]
    public async Task A_blocked_users_message_over_the_socket_is_refused_both_ways()
    {
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);
        await ChatUsers.BlockAsync(alice.User, bob.User.Id);

        foreach (var sender in new[] { alice.User, bob.User })
        {
            using var watcher = await ChatUsers.WatchAsync(factory.Server, sender);
            await watcher.ReceiveAsync("ready");
            await watcher.SendAsync(new { type = "send", conversationId = id, clientId = "b1", text = "hello?" });
            var error = await watcher.ReceiveAsync("error");
            Assert.Equal("b1", error.GetProperty("clientId").GetString());
            Assert.Equal("chat-blocked", error.GetProperty("problem").GetProperty("code").GetString());
            Assert.Equal(403, error.GetProperty("problem").GetProperty("status").GetInt32());

            // Typing does not cross a block either.
            await watcher.SendAsync(new { type = "typing", conversationId = id });
            Assert.Equal("chat-blocked", (await watcher.ReceiveAsync("error")).GetProperty("problem").GetProperty("code").GetString());
        }

        Assert.Equal(0, (await ChatUsers.EntryAsync(bob.User, id)).GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task Bad_client_messages_are_answered_with_problems_and_refusals_come_before_the_upgrade()
    {
        var alice = await _users.CreateAsync();
        var bob = await _users.CreateAsync();
        using var anonymous = factory.CreateClient();
        using (alice.User)
        using (bob.User)
        {
            var id = await ChatUsers.StartAsync(alice.User, bob.User.Id);
            await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/ws/chat", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
            await Problems.AssertAsync(await alice.User.Client.GetAsync(new Uri("/ws/chat", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "websocket-required");
            await Problems.AssertAsync(await alice.User.Client.GetAsync(new Uri("/ws/chat?after=-1", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "after");

            using var watcher = await ChatUsers.WatchAsync(factory.Server, alice.User);
            await watcher.ReceiveAsync("ready");
            foreach (var (message, code, field) in new (object Message, string Code, string? Field)[]
            {
                (new { type = "send", conversationId = id, clientId = "x", text = " " }, "validation-failed", "text"),
                (new { type = "send", clientId = "x", text = "hi" }, "validation-failed", "conversationId"),
                (new { type = "shout", conversationId = id }, "malformed-request", "type"),
                (new { type = "send", conversationId = Guid.NewGuid(), clientId = "x", text = "hi" }, "conversation-not-found", null),
                (new { type = "read", conversationId = id, sequence = 5 }, "validation-failed", "sequence"),
            })
            {
                await watcher.SendAsync(message);
                var problem = (await watcher.ReceiveAsync("error")).GetProperty("problem");
                Assert.Equal(code, problem.GetProperty("code").GetString());
                if (field is not null)
                {
                    Assert.Equal(field, problem.GetProperty("field").GetString());
                }
            }

            await watcher.SendAsync("{not json");
            Assert.Equal("malformed-request", (await watcher.ReceiveAsync("error")).GetProperty("problem").GetProperty("code").GetString());
        }
    }

    private static async Task<List<System.Text.Json.JsonElement>> ChatNotificationsAsync(TestUser user) =>
        [.. (await ChatUsers.GetAsync(user, "/api/notifications")).GetProperty("items").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "chat-message")];
}
