using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Chat;

public sealed class ChatRestTests(MarketplaceFactory factory)
{
    private readonly ChatUsers _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_users_chat_over_rest_with_numbered_messages_unread_counts_and_read_receipts()
    {
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);

        // Starting again, by name and in the other direction, is the same conversation.
        using (var byName = await alice.User.Client.PostAsJsonAsync("/api/conversations", new { username = bob.Name.ToUpperInvariant() }, Ct))
        {
            Assert.Equal(id, (await Json.ReadAsync(byName)).GetProperty("id").GetGuid());
        }

        Assert.Equal(id, await ChatUsers.StartAsync(bob.User, alice.User.Id));

        var first = await ChatUsers.SendAsync(alice.User, id, "Is it still for sale?");
        var second = await ChatUsers.SendAsync(alice.User, id, "I can pick it up today.");
        Assert.Equal([1L, 2], new[] { first, second }.Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal(alice.User.Id, second.GetProperty("senderId").GetGuid());

        var bobs = await ChatUsers.EntryAsync(bob.User, id);
        Assert.Equal(alice.User.Id, bobs.GetProperty("peerId").GetGuid());
        Assert.Equal(2, bobs.GetProperty("unread").GetInt64());
        Assert.Equal(0, (await ChatUsers.EntryAsync(alice.User, id)).GetProperty("unread").GetInt64());

        // Newest first, a page at a time.
        var page = await ChatUsers.GetAsync(bob.User, $"/api/conversations/{id}/messages?limit=1");
        Assert.Equal("I can pick it up today.", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("2", page.GetProperty("next").GetString());
        var older = await ChatUsers.GetAsync(bob.User, $"/api/conversations/{id}/messages?limit=1&cursor=2");
        Assert.Equal(1, Assert.Single(older.GetProperty("items").EnumerateArray()).GetProperty("sequence").GetInt64());
        Assert.Equal(JsonValueKind.Null, older.GetProperty("next").ValueKind);

        using (var read = await bob.User.Client.PostAsJsonAsync($"/api/conversations/{id}/read", new { sequence = 1 }, Ct))
        {
            Assert.Equal(1, (await Json.ReadAsync(read)).GetProperty("lastRead").GetInt64());
        }

        Assert.Equal(1, (await ChatUsers.EntryAsync(bob.User, id)).GetProperty("unread").GetInt64());
        Assert.Equal(1, (await ChatUsers.EntryAsync(alice.User, id)).GetProperty("peerLastRead").GetInt64());

        // Replying reads everything before the reply.
        Assert.Equal(3, (await ChatUsers.SendAsync(bob.User, id, "Yes, come by at six.")).GetProperty("sequence").GetInt64());
        Assert.Equal(0, (await ChatUsers.EntryAsync(bob.User, id)).GetProperty("unread").GetInt64());
        Assert.Equal(1, (await ChatUsers.EntryAsync(alice.User, id)).GetProperty("unread").GetInt64());
        Assert.Equal(3, (await ChatUsers.EntryAsync(alice.User, id)).GetProperty("peerLastRead").GetInt64());

        using var backwards = await bob.User.Client.PostAsJsonAsync($"/api/conversations/{id}/read", new { sequence = 4 }, Ct);
        await Problems.AssertAsync(backwards, HttpStatusCode.BadRequest, "validation-failed", "sequence");
    }

    [Fact]
    public async Task A_conversation_about_a_product_is_its_own_and_only_about_the_participants_products_and_orders()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        using var pair = await _users.PairAsync();
        var (buyer, stranger) = (pair.Alice.User, pair.Bob.User);
        var product = await CatalogSeed.ProductIdAsync(seller, await CatalogSeed.CategoryAsync(admin));

        var general = await ChatUsers.StartAsync(buyer, seller.Id);
        var aboutProduct = await ChatUsers.StartAsync(buyer, seller.Id, product);
        Assert.NotEqual(general, aboutProduct);
        Assert.Equal(aboutProduct, await ChatUsers.StartAsync(seller, buyer.Id, product));
        Assert.Equal(product, (await ChatUsers.EntryAsync(buyer, aboutProduct)).GetProperty("productId").GetGuid());

        // Neither of two buyers sells the product, and no order is theirs.
        using (var notTheirs = await buyer.Client.PostAsJsonAsync("/api/conversations", new { userId = stranger.Id, productId = product }, Ct))
        {
            await Problems.AssertAsync(notTheirs, HttpStatusCode.NotFound, "product-not-found", "productId");
        }

        using var noOrder = await buyer.Client.PostAsJsonAsync("/api/conversations", new { userId = seller.Id, orderId = Guid.NewGuid() }, Ct);
        await Problems.AssertAsync(noOrder, HttpStatusCode.NotFound, "order-not-found", "orderId");
    }

    [Fact]
    public async Task Sending_again_with_the_same_client_id_sends_one_message()
    {
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);
        var first = await ChatUsers.SendAsync(alice.User, id, "Hello", clientId: "c-1");
        var again = await ChatUsers.SendAsync(alice.User, id, "Hello", clientId: "c-1");
        Assert.Equal(first.GetRawText(), again.GetRawText());

        // The same client id from the other participant is their own message.
        Assert.Equal(2, (await ChatUsers.SendAsync(bob.User, id, "Hi", clientId: "c-1")).GetProperty("sequence").GetInt64());
        var history = await ChatUsers.GetAsync(alice.User, $"/api/conversations/{id}/messages");
        Assert.Equal(["Hi", "Hello"], history.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Bad_messages_are_refused_naming_the_field_and_strangers_find_no_conversation()
    {
        var alice = await _users.CreateAsync();
        var bob = await _users.CreateAsync();
        var eve = await _users.CreateAsync();
        using (alice.User)
        using (bob.User)
        using (eve.User)
        {
            var id = await ChatUsers.StartAsync(alice.User, bob.User.Id);
            foreach (var (body, field) in new (object Body, string Field)[]
            {
                (new { clientId = "x", text = "   " }, "text"),
                (new { clientId = "x", text = new string('a', 2001) }, "text"),
                (new { text = "hello" }, "clientId"),
                (new { clientId = new string('c', 101), text = "hello" }, "clientId"),
            })
            {
                using var refused = await alice.User.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", body, Ct);
                await Problems.AssertAsync(refused, HttpStatusCode.BadRequest, "validation-failed", field);
            }

            Assert.Equal(1, (await ChatUsers.SendAsync(alice.User, id, new string('a', 2000))).GetProperty("sequence").GetInt64());

            using (var stranger = await eve.User.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { clientId = "e", text = "hi" }, Ct))
            {
                await Problems.AssertAsync(stranger, HttpStatusCode.NotFound, "conversation-not-found");
            }

            await Problems.AssertAsync(await eve.User.Client.GetAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative), Ct), HttpStatusCode.NotFound, "conversation-not-found");
            Assert.DoesNotContain((await ChatUsers.GetAsync(eve.User, "/api/conversations")).GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

            using (var self = await alice.User.Client.PostAsJsonAsync("/api/conversations", new { userId = alice.User.Id }, Ct))
            {
                await Problems.AssertAsync(self, HttpStatusCode.UnprocessableEntity, "cannot-chat-with-self", "userId");
            }

            using (var nobody = await alice.User.Client.PostAsJsonAsync("/api/conversations", new { userId = Guid.NewGuid() }, Ct))
            {
                await Problems.AssertAsync(nobody, HttpStatusCode.NotFound, "user-not-found", "userId");
            }

            using var both = await alice.User.Client.PostAsJsonAsync("/api/conversations", new { userId = bob.User.Id, username = "bob" }, Ct);
            await Problems.AssertAsync(both, HttpStatusCode.BadRequest, "validation-failed", "userId");
        }
    }

    [Fact]
    public async Task A_block_stops_messages_and_new_conversations_both_ways_until_it_is_lifted()
    {
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);
        await ChatUsers.SendAsync(alice.User, id, "Hello");
        await ChatUsers.BlockAsync(bob.User, alice.User.Id);

        var list = await ChatUsers.GetAsync(bob.User, "/api/me/blocks");
        Assert.Equal(alice.User.Id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("userId").GetGuid());

        foreach (var sender in new[] { alice.User, bob.User })
        {
            using var refused = await sender.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { clientId = Guid.NewGuid().ToString(), text = "still there?" }, Ct);
            await Problems.AssertAsync(refused, HttpStatusCode.Forbidden, "chat-blocked");
            using var another = await sender.Client.PostAsJsonAsync("/api/conversations", new { userId = sender == bob.User ? alice.User.Id : bob.User.Id }, Ct);
            await Problems.AssertAsync(another, HttpStatusCode.Forbidden, "chat-blocked");
        }

        Assert.Equal(1, (await ChatUsers.EntryAsync(alice.User, id)).GetProperty("lastSequence").GetInt64());

        using (var unblocked = await bob.User.Client.DeleteAsync(new Uri($"/api/me/blocks/{alice.User.Id}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, unblocked.StatusCode);
        }

        await Problems.AssertAsync(await bob.User.Client.DeleteAsync(new Uri($"/api/me/blocks/{alice.User.Id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(2, (await ChatUsers.SendAsync(alice.User, id, "Hello again")).GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task The_user_search_finds_by_name_prefix_shows_no_email_and_hides_blocks_both_ways()
    {
        var prefix = $"srch{Guid.NewGuid():N}"[..20];
        var alice = await _users.CreateAsync(prefix);
        var bob = await _users.CreateAsync(prefix);
        var carol = await _users.CreateAsync(prefix);
        using (alice.User)
        using (bob.User)
        using (carol.User)
        {
            var found = await ChatUsers.GetAsync(alice.User, $"/api/users/search?q={prefix.ToUpperInvariant()}");
            var items = found.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(new[] { bob.Name, carol.Name }.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("displayName").GetString()).Order(StringComparer.Ordinal));
            Assert.All(items, i => Assert.Equal(["id", "username", "displayName"], i.EnumerateObject().Select(p => p.Name)));
            Assert.All(items, i => Assert.Equal(i.GetProperty("displayName").GetString(), i.GetProperty("username").GetString()));
            Assert.DoesNotContain("@", found.GetRawText(), StringComparison.Ordinal);

            // Paged: one at a time, then the other.
            var first = await ChatUsers.GetAsync(alice.User, $"/api/users/search?q={prefix}&limit=1");
            var next = first.GetProperty("next").GetString();
            var second = await ChatUsers.GetAsync(alice.User, $"/api/users/search?q={prefix}&limit=1&cursor={next}");
            Assert.Equal(2, new[] { first, second }.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).Distinct().Count());

            await ChatUsers.BlockAsync(bob.User, alice.User.Id);

            Assert.Equal([carol.User.Id], (await ChatUsers.GetAsync(alice.User, $"/api/users/search?q={prefix}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            Assert.Equal([carol.User.Id], (await ChatUsers.GetAsync(bob.User, $"/api/users/search?q={prefix}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

            // An account the admins blocked is found by nobody, and cannot be written to.
            using (var admin = await TestUsers.AdminAsync(factory))
            using (var disabled = await admin.Client.PatchAsJsonAsync($"/api/admin/users/{carol.User.Id}", new { blocked = true }, Ct))
            {
                await Json.ReadAsync(disabled);
            }

            Assert.Empty((await ChatUsers.GetAsync(alice.User, $"/api/users/search?q={prefix}")).GetProperty("items").EnumerateArray());
            using (var toDisabled = await alice.User.Client.PostAsJsonAsync("/api/conversations", new { userId = carol.User.Id }, Ct))
            {
                await Problems.AssertAsync(toDisabled, HttpStatusCode.NotFound, "user-not-found", "userId");
            }

            await Problems.AssertAsync(await alice.User.Client.GetAsync(new Uri("/api/users/search?q=a", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "q");
            await Problems.AssertAsync(await alice.User.Client.GetAsync(new Uri("/api/users/search", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "q");
        }
    }

    [Fact]
    public async Task An_offline_recipient_gets_one_notification_per_conversation_while_unread()
    {
        using var pair = await _users.PairAsync();
        var (alice, bob, id) = (pair.Alice, pair.Bob, pair.ConversationId);
        await ChatUsers.SendAsync(alice.User, id, "Are you there?");
        await ChatUsers.SendAsync(alice.User, id, "Hello?");
        var inbox = (await ChatUsers.GetAsync(bob.User, "/api/notifications")).GetProperty("items").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "chat-message").ToList();
        var notification = Assert.Single(inbox);
        Assert.Equal($"chat:{id:N}:1", notification.GetProperty("id").GetString());
        Assert.Equal("Are you there?", notification.GetProperty("body").GetString());
        Assert.Equal($"/conversations/{id:D}", notification.GetProperty("link").GetString());
    }

    [Fact]
    public async Task Admins_are_refused_a_conversation_no_complaint_holds()
    {
        var alice = await _users.CreateAsync();
        var bob = await _users.CreateAsync();
        using var admin = await TestUsers.AdminAsync(factory);
        using (alice.User)
        using (bob.User)
        {
            var id = await ChatUsers.StartAsync(alice.User, bob.User.Id);
            await ChatUsers.SendAsync(alice.User, id, "Hello");
            await Problems.AssertAsync(await admin.Client.GetAsync(new Uri($"/api/admin/conversations/{id}/messages", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "conversation-not-in-complaint");
        }
    }
}
