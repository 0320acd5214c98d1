using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Statuses;

/// <summary>
/// Status updates: seen by the author's contacts (the people they have a conversation with) and not by strangers or
/// blocked users, for 24 hours by the silo's clock, which these tests move forward.
/// </summary>
public sealed class StatusesTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_status_is_seen_by_a_contact_and_not_by_a_stranger_and_is_gone_after_24_hours()
    {
        var clock = new ShiftedClock();
        await using var market = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, clock: clock);
        using var author = await TestUsers.CreateAsync(market, Roles.Seller);
        using var contact = await TestUsers.CreateAsync(market, Roles.Buyer);
        using var stranger = await TestUsers.CreateAsync(market, Roles.Buyer);
        await StartConversationAsync(contact, author);

        var posted = await PostAsync(author, "Fresh mangoes in stock today", Guid.NewGuid().ToString());
        var id = posted.GetProperty("id").GetGuid();
        Assert.Equal(author.Id, posted.GetProperty("userId").GetGuid());
        Assert.Equal(posted.GetProperty("postedAt").GetDateTimeOffset().AddHours(24), posted.GetProperty("expiresAt").GetDateTimeOffset());

        var seen = Assert.Single(await ListAsync(contact));
        Assert.Equal((id, author.Id, "Fresh mangoes in stock today", false), (seen.GetProperty("id").GetGuid(), seen.GetProperty("userId").GetGuid(), seen.GetProperty("text").GetString(), seen.GetProperty("mine").GetBoolean()));
        Assert.True(Assert.Single(await ListAsync(author)).GetProperty("mine").GetBoolean());
        Assert.Empty(await ListAsync(stranger));

        // Just before the end of its 24 hours the contact still sees it; just after, nobody does. (The clock moves what the
        // grains and the read model call now; the access tokens are checked against real time and stay good.)
        clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(58));
        Assert.Single(await ListAsync(contact));

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Empty(await ListAsync(contact));
        Assert.Empty(await ListAsync(author));
        await Problems.AssertAsync(await author.Client.DeleteAsync(new Uri($"/api/statuses/{id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.StatusNotFound);

        // The author's next post drops the expired one from the read model too.
        await PostAsync(author, "New stock tomorrow", Guid.NewGuid().ToString());
        Assert.Equal(["New stock tomorrow"], await StoredTextsAsync(market, author.Id));
    }

    [Fact]
    public async Task Posting_is_idempotent_deleting_takes_a_status_down_and_a_block_hides_statuses_both_ways()
    {
        using var author = await TestUsers.CreateAsync(factory, Roles.Seller);
        using var contact = await TestUsers.CreateAsync(factory, Roles.Buyer);
        await StartConversationAsync(contact, author);

        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(author, "Closed for Eid until Monday", key);
        var again = await PostAsync(author, "Closed for Eid until Monday", key);
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        var second = await PostAsync(author, "Open again", Guid.NewGuid().ToString());
        Assert.Equal(["Open again", "Closed for Eid until Monday"], (await ListAsync(contact)).Select(s => s.GetProperty("text").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await author.Client.DeleteAsync(new Uri($"/api/statuses/{second.GetProperty("id").GetGuid()}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(["Closed for Eid until Monday"], (await ListAsync(contact)).Select(s => s.GetProperty("text").GetString()));

        // A contact's own status and the author's: a block by either hides both from the other.
        await PostAsync(contact, "Looking for a blue kettle", Guid.NewGuid().ToString());
        Assert.Equal(2, (await ListAsync(author)).Count);
        await BlockAsync(contact, author.Id);
        Assert.Equal(["Looking for a blue kettle"], (await ListAsync(contact)).Select(s => s.GetProperty("text").GetString()));
        Assert.Equal(["Closed for Eid until Monday"], (await ListAsync(author)).Select(s => s.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Bad_statuses_are_refused_naming_the_field_and_the_limit_of_live_statuses_holds()
    {
        using var author = await TestUsers.CreateAsync(factory, Roles.Buyer);
        await Problems.AssertAsync(await author.Client.SendAsync(Shop.Post("/api/statuses", new { text = "   " }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "text");
        await Problems.AssertAsync(await author.Client.SendAsync(Shop.Post("/api/statuses", new { text = new string('x', 281) }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "text");
        await Problems.AssertAsync(await author.Client.GetAsync(new Uri("/api/statuses?limit=0", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "limit");

        for (var i = 0; i < 20; i++)
        {
            await PostAsync(author, $"status {i}", Guid.NewGuid().ToString());
        }

        var refused = await Problems.AssertAsync(await author.Client.SendAsync(Shop.Post("/api/statuses", new { text = "one too many" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict, ErrorCodes.StatusLimitReached);
        Assert.Equal(20, refused.GetProperty("limit").GetInt32());

        // Paged newest first, twenty in all, none twice.
        var texts = new List<string>();
        string? next = null;
        do
        {
            var page = await Json.ReadAsync(await author.Client.GetAsync(new Uri($"/api/statuses?limit=7{(next is null ? "" : $"&cursor={next}")}", UriKind.Relative), Ct));
            texts.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("text").GetString()!));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        Assert.Equal(Enumerable.Range(0, 20).Reverse().Select(i => $"status {i}"), texts);
    }

    private static async Task<JsonElement> PostAsync(TestUser author, string text, string key) =>
        await Json.ReadAsync(await author.Client.SendAsync(Shop.Post("/api/statuses", new { text }, key), Ct), HttpStatusCode.Created);

    private static async Task<List<JsonElement>> ListAsync(TestUser user) =>
        [.. (await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/statuses", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray()];

    private static async Task StartConversationAsync(TestUser from, TestUser to) =>
        await Json.ReadAsync(await from.Client.SendAsync(Shop.Post("/api/conversations", new { userId = to.Id }, null), Ct));

    private static async Task BlockAsync(TestUser user, Guid blockedId) =>
        Assert.True((await user.Client.PostAsJsonAsync("/api/me/blocks", new { userId = blockedId }, Ct)).IsSuccessStatusCode);

    private static async Task<List<string>> StoredTextsAsync(IsolatedFactory market, Guid userId)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(market.Schema));
        await using var command = dataSource.CreateCommand("SELECT text FROM statuses WHERE user_id = $1 ORDER BY posted_at");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = userId });
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}
