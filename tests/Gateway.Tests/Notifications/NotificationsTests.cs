using System.Net;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary>
/// The notification inbox through the API. The tests deliver notifications to the inbox grain as a sender would, with
/// the sender's deterministic ids (which contain ':').
/// </summary>
public sealed class NotificationsTests(MarketplaceFactory factory)
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_user_pages_through_their_notifications_newest_first()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var auction = Guid.NewGuid();

        // Delivered out of order: the inbox orders by time, not by arrival.
        foreach (var i in new[] { 2, 0, 4, 1, 3 })
        {
            await AddAsync(user, Outbid(auction, i));
        }

        var first = await ListAsync(user, "limit=2");
        Assert.Equal([Outbid(auction, 4).Id, Outbid(auction, 3).Id], Ids(first));
        Assert.Equal(5, first.GetProperty("unread").GetInt32());
        var second = await ListAsync(user, $"limit=2&cursor={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}");
        Assert.Equal([Outbid(auction, 2).Id, Outbid(auction, 1).Id], Ids(second));
        var last = await ListAsync(user, $"limit=2&cursor={Uri.EscapeDataString(second.GetProperty("next").GetString()!)}");
        Assert.Equal([Outbid(auction, 0).Id], Ids(last));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);

        var all = await ListAsync(user, "");
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => Outbid(auction, i).Id), Ids(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        var newest = all.GetProperty("items")[0];
        Assert.Equal(NotificationTypes.Outbid, newest.GetProperty("type").GetString());
        Assert.Equal("You were outbid", newest.GetProperty("title").GetString());
        Assert.Equal("Someone bid more on auction 4.", newest.GetProperty("body").GetString());
        Assert.Equal($"/auctions/{auction}", newest.GetProperty("link").GetString());
        Assert.Equal(Start.AddMinutes(4), newest.GetProperty("at").GetDateTimeOffset());
        Assert.False(newest.GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task Outbids_of_one_auction_are_one_notification_while_it_is_unread()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var (auction, other) = (Guid.NewGuid(), Guid.NewGuid());
        await AddAsync(user, Collapsing(Outbid(auction, 1)));
        await AddAsync(user, Collapsing(Outbid(auction, 2)));
        await AddAsync(user, Collapsing(Outbid(other, 3)));
        Assert.Equal([Outbid(other, 3).Id, Outbid(auction, 1).Id], Ids(await ListAsync(user, "")));

        // Once read, the next outbid of that auction is a new notification.
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, Outbid(auction, 1).Id)).StatusCode);
        await AddAsync(user, Collapsing(Outbid(auction, 4)));
        await AddAsync(user, Collapsing(Outbid(auction, 5)));

        var page = await ListAsync(user, "");
        Assert.Equal([Outbid(auction, 4).Id, Outbid(other, 3).Id, Outbid(auction, 1).Id], Ids(page));
        Assert.Equal(2, page.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Marking_a_notification_read_answers_204_and_lists_it_read()
    {
        using var user = await TestUsers.CreateAsync(factory, "seller");
        var auction = Guid.NewGuid();
        var sold = new Notification($"auction-sold:{auction:N}", NotificationTypes.AuctionSold, "Sold", "Your auction sold.", null, Start);
        await AddAsync(user, sold);
        await AddAsync(user, Outbid(auction, 1));

        // The id goes into the path as it is, ':' and all, or escaped.
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, sold.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, Uri.EscapeDataString(Outbid(auction, 1).Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, sold.Id)).StatusCode);

        var page = await ListAsync(user, "");
        Assert.Equal(0, page.GetProperty("unread").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), n => Assert.True(n.GetProperty("read").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("items")[1].GetProperty("link").ValueKind);
    }

    [Fact]
    public async Task Marking_an_unknown_notification_read_is_not_found()
    {
        using var user = await TestUsers.CreateAsync(factory);
        await AddAsync(user, Outbid(Guid.NewGuid(), 1));

        await Problems.AssertAsync(await ReadAsync(user, $"outbid:{Guid.NewGuid():N}:1"), HttpStatusCode.NotFound, ErrorCodes.NotificationNotFound);
        Assert.Equal(1, (await ListAsync(user, "")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_marks_someone_elses_notifications()
    {
        using var owner = await TestUsers.CreateAsync(factory);
        using var other = await TestUsers.CreateAsync(factory);
        var won = new Notification($"auction-won:{Guid.NewGuid():N}", NotificationTypes.AuctionWon, "You won", "It is yours.", null, Start);
        await AddAsync(owner, won);

        var seen = await ListAsync(other, "");
        Assert.Empty(Ids(seen));
        Assert.Equal(0, seen.GetProperty("unread").GetInt32());
        await Problems.AssertAsync(await ReadAsync(other, won.Id), HttpStatusCode.NotFound, ErrorCodes.NotificationNotFound);
        Assert.Equal(0, (await ReadAllAsync(other)).GetProperty("changed").GetInt32());

        var mine = await ListAsync(owner, "");
        Assert.Equal([won.Id], Ids(mine));
        Assert.Equal(1, mine.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Read_all_marks_every_unread_notification_and_counts_only_those_it_changed()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var auction = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await AddAsync(user, Outbid(auction, i));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, Outbid(auction, 1).Id)).StatusCode);

        Assert.Equal(2, (await ReadAllAsync(user)).GetProperty("changed").GetInt32());
        Assert.Equal(0, (await ReadAllAsync(user)).GetProperty("changed").GetInt32());
        var page = await ListAsync(user, "");
        Assert.Equal(0, page.GetProperty("unread").GetInt32());
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_notification_delivered_twice_is_listed_once_as_first_delivered()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var notification = Outbid(Guid.NewGuid(), 7);
        await AddAsync(user, notification);
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, notification.Id)).StatusCode);

        await AddAsync(user, notification with { Title = "Changed" });
        await AddAsync(user, notification);

        var page = await ListAsync(user, "");
        Assert.Equal([notification.Id], Ids(page));
        Assert.Equal("You were outbid", page.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.True(page.GetProperty("items")[0].GetProperty("read").GetBoolean());
        Assert.Equal(0, page.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task The_inbox_keeps_the_200_newest_and_does_not_take_back_a_dropped_one()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var auction = Guid.NewGuid();
        for (var i = 0; i <= INotificationInboxGrain.Capacity; i++)
        {
            await AddAsync(user, Outbid(auction, i));
        }

        // Re-delivered after it was dropped, and a new one older than everything kept: neither comes in.
        await AddAsync(user, Outbid(auction, 0));
        await AddAsync(user, Outbid(auction, -1));

        var first = await ListAsync(user, "limit=100");
        var second = await ListAsync(user, $"limit=100&cursor={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var ids = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(Enumerable.Range(1, INotificationInboxGrain.Capacity).Reverse().Select(i => Outbid(auction, i).Id), ids);
        Assert.Equal(INotificationInboxGrain.Capacity, first.GetProperty("unread").GetInt32());
        await Problems.AssertAsync(await ReadAsync(user, Outbid(auction, 0).Id), HttpStatusCode.NotFound, ErrorCodes.NotificationNotFound);

        // A newer one still comes in and pushes the oldest kept one out.
        await AddAsync(user, Outbid(auction, 500));
        var newest = await ListAsync(user, "limit=1");
        Assert.Equal([Outbid(auction, 500).Id], Ids(newest));
        await Problems.AssertAsync(await ReadAsync(user, Outbid(auction, 1).Id), HttpStatusCode.NotFound, ErrorCodes.NotificationNotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(user, Outbid(auction, 2).Id)).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    public async Task A_bad_list_parameter_is_refused_naming_it(string query, string field)
    {
        using var user = await TestUsers.CreateAsync(factory);

        await Problems.AssertAsync(await user.Client.GetAsync(new Uri($"/api/notifications?{query}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, field);
    }

    [Fact]
    public async Task An_id_longer_than_200_characters_is_refused_naming_it()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var tooLong = new string('x', INotificationInboxGrain.MaxIdLength + 1);

        await Problems.AssertAsync(await user.Client.GetAsync(new Uri($"/api/notifications?cursor={tooLong}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "cursor");
        await Problems.AssertAsync(await ReadAsync(user, tooLong), HttpStatusCode.BadRequest, ErrorCodes.Validation, "id");
    }

    [Fact]
    public async Task The_inbox_refuses_a_notification_whose_id_cannot_be_addressed()
    {
        var inbox = Grains.GetGrain<INotificationInboxGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<ArgumentException>(() => inbox.AddAsync(Outbid(Guid.NewGuid(), 1) with { Id = new string('x', INotificationInboxGrain.MaxIdLength + 1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => inbox.AddAsync(Outbid(Guid.NewGuid(), 1) with { Id = "outbid/1" }));
        Assert.Empty((await inbox.ListAsync(10, null)).Items);
    }

    private static Notification Outbid(Guid auction, int sequence) => new(
        $"outbid:{auction:N}:{sequence}", NotificationTypes.Outbid, "You were outbid", $"Someone bid more on auction {sequence}.", $"/auctions/{auction}", Start.AddMinutes(sequence));

    private static Notification Collapsing(Notification outbid) => outbid with { CollapseKey = outbid.Id[..outbid.Id.LastIndexOf(':')] };

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    private Task AddAsync(TestUser user, Notification notification) => Grains.GetGrain<INotificationInboxGrain>(user.Id).AddAsync(notification);

    private static async Task<JsonElement> ListAsync(TestUser user, string query) =>
        await Json.ReadAsync(await user.Client.GetAsync(new Uri($"/api/notifications?{query}", UriKind.Relative), Ct));

    private static Task<HttpResponseMessage> ReadAsync(TestUser user, string id) =>
        user.Client.PostAsync(new Uri($"/api/notifications/{id}/read", UriKind.Relative), null, Ct);

    private static async Task<JsonElement> ReadAllAsync(TestUser user) =>
        await Json.ReadAsync(await user.Client.PostAsync(new Uri("/api/notifications/read-all", UriKind.Relative), null, Ct));
}
