using System.Net;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary><c>GET /ws/notifications</c>: the caller's new notifications, live, resumable, on any gateway.</summary>
public sealed class NotificationStreamTests(MarketplaceFactory factory)
{
    private static readonly DateTimeOffset Start = new(2031, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_watcher_receives_its_new_notifications_as_they_are_stored_and_nobody_elses()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var other = await TestUsers.CreateAsync(factory);
        await AddAsync(user, 1);
        using var watch = await StreamWatcher.ConnectToAsync(factory.Server, "ws/notifications", user);
        using var otherWatch = await StreamWatcher.ConnectToAsync(factory.Server, "ws/notifications", other);
        var state = await watch.ReceiveAsync("state");
        Assert.Equal((1L, 1), (state.GetProperty("sequence").GetInt64(), state.GetProperty("unread").GetInt32()));
        Assert.Equal(0L, (await otherWatch.ReceiveAsync("state")).GetProperty("sequence").GetInt64());

        await AddAsync(user, 2);
        await AddAsync(user, 2);
        await AddAsync(other, 7);
        await AddAsync(user, 3);

        var events = await watch.EventsThroughAsync(3);
        Assert.Equal([2L, 3], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(events, e => Assert.Equal("notification", e.GetProperty("type").GetString()));
        Assert.Equal([Id(user, 2), Id(user, 3)], events.Select(e => e.GetProperty("data").GetProperty("id").GetString()));
        var data = events[0].GetProperty("data");
        Assert.Equal(("return-updated", "Step 2", "Your return moved on.", false), (data.GetProperty("type").GetString(), data.GetProperty("title").GetString(), data.GetProperty("body").GetString(), data.GetProperty("read").GetBoolean()));
        Assert.Equal(Start.AddMinutes(2), data.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(Id(other, 7), (await otherWatch.EventsThroughAsync(1)).Single().GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_watcher_that_reconnects_with_after_gets_exactly_what_it_missed()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using (var first = await StreamWatcher.ConnectToAsync(factory.Server, "ws/notifications", user))
        {
            await first.ReceiveAsync("state");
            await AddAsync(user, 1);
            await AddAsync(user, 2);
            Assert.Equal([1L, 2], (await first.EventsThroughAsync(2)).Select(e => e.GetProperty("sequence").GetInt64()));
            await first.CloseAsync();
        }

        // Missed while away: 3 and 4; the watcher had 2.
        await AddAsync(user, 3);
        await AddAsync(user, 4);
        using var again = await StreamWatcher.ConnectToAsync(factory.Server, "ws/notifications?after=2", user);
        Assert.Equal(4L, (await again.ReceiveAsync("state")).GetProperty("sequence").GetInt64());
        await AddAsync(user, 5);
        var events = await again.EventsThroughAsync(5);
        Assert.Equal([3L, 4, 5], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([Id(user, 3), Id(user, 4), Id(user, 5)], events.Select(e => e.GetProperty("data").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_watcher_on_a_second_gateway_sees_the_same_notifications()
    {
        await using var second = await SecondGateway.StartAsync(factory, Ct);
        using var user = await TestUsers.CreateAsync(factory);
        using var here = await StreamWatcher.ConnectToAsync(factory.Server, "ws/notifications", user);
        using var there = await StreamWatcher.ConnectToAsync(second.Server, "ws/notifications", user);
        await here.ReceiveAsync("state");
        await there.ReceiveAsync("state");

        await AddAsync(user, 1);
        await AddAsync(user, 2);

        var seenHere = (await here.EventsThroughAsync(2)).Select(e => e.GetRawText()).ToList();
        var seenThere = (await there.EventsThroughAsync(2)).Select(e => e.GetRawText()).ToList();
        Assert.Equal(seenHere, seenThere);
        Assert.Equal([Id(user, 1), Id(user, 2)], seenThere.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("data").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_notification_whose_append_to_the_stream_failed_is_streamed_with_the_next_one()
    {
        await using var isolated = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct);
        var inbox = isolated.Services.GetRequiredService<IGrainFactory>();
        using var user = await TestUsers.CreateAsync(isolated);
        using var watch = await StreamWatcher.ConnectToAsync(isolated.Server, "ws/notifications", user);
        await watch.ReceiveAsync("state");
        await using var database = Npgsql.NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(isolated.Schema));

        // The stream's table is away while the first notification is stored: the inbox keeps it, the stream does not.
        await ExecuteAsync(database, "ALTER TABLE notification_events RENAME TO notification_events_away");
        await AddAsync(inbox, user, 1);
        await ExecuteAsync(database, "ALTER TABLE notification_events_away RENAME TO notification_events");
        Assert.Equal([(Id(user, 1), NotificationTypes.ReturnUpdated)], await Inboxes.ListAsync(user));

        await AddAsync(inbox, user, 2);
        var events = await watch.EventsThroughAsync(2);
        Assert.Equal([1L, 2], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([Id(user, 1), Id(user, 2)], events.Select(e => e.GetProperty("data").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_stream_is_refused_with_a_problem_before_the_upgrade()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var anonymous = factory.CreateClient();
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/ws/notifications", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/ws/notifications", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.WebSocketRequired);
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/ws/notifications?after=-1", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "after");
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/ws/notifications?after=abc", UriKind.Relative), Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "after");
    }

    private static string Id(TestUser user, int step) => $"return:{user.Id:N}:step-{step}";

    private static async Task ExecuteAsync(Npgsql.NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private Task AddAsync(TestUser user, int step) => AddAsync(Grains, user, step);

    private static Task AddAsync(IGrainFactory grains, TestUser user, int step) =>
        grains.GetGrain<INotificationInboxGrain>(user.Id).AddAsync(new Notification(Id(user, step), NotificationTypes.ReturnUpdated, $"Step {step}", "Your return moved on.", null, Start.AddMinutes(step)));
}
