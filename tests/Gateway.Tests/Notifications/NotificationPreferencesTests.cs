using System.Net;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary>Each user's channel per kind: what the API shows and refuses, and what the inbox then keeps.</summary>
public sealed class NotificationPreferencesTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Every_kind_is_listed_with_its_default_and_a_put_replaces_the_choices()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var body = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me/notification-preferences", UriKind.Relative), Ct));
        var kinds = body.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal(NotificationKinds.All.Select(k => k.Kind), kinds.Keys);
        Assert.Equal("both", kinds["order-placed"].GetProperty("channel").GetString());
        Assert.Equal(["in-app", "email", "both", "none"], kinds["order-placed"].GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("in-app", kinds["outbid"].GetProperty("default").GetString());
        Assert.Equal(["in-app", "none"], kinds["outbid"].GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.False(kinds["password-reset"].GetProperty("settable").GetBoolean());
        Assert.Equal("email", kinds["password-reset"].GetProperty("channel").GetString());
        Assert.True(kinds["chat-message"].GetProperty("settable").GetBoolean());

        await Inboxes.SetAsync(user, new Dictionary<string, string> { ["order-shipped"] = "email", ["outbid"] = "none" });
        var chosen = await Inboxes.ChannelsAsync(user);
        Assert.Equal(("email", "none", "both"), (chosen["order-shipped"], chosen["outbid"], chosen["order-placed"]));

        // The body is the whole set of choices: what it leaves out goes back to its default.
        await Inboxes.SetAsync(user, new Dictionary<string, string> { ["outbid"] = "in-app" });
        chosen = await Inboxes.ChannelsAsync(user);
        Assert.Equal(("both", "in-app"), (chosen["order-shipped"], chosen["outbid"]));
        await Inboxes.SetAsync(user, new Dictionary<string, string>());
        Assert.Equal(NotificationKinds.All.ToDictionary(k => k.Kind, k => k.Default), await Inboxes.ChannelsAsync(user));
    }

    [Fact]
    public async Task A_malformed_choice_is_refused_naming_the_kind_and_changes_nothing()
    {
        using var user = await TestUsers.CreateAsync(factory);
        await Inboxes.SetAsync(user, new Dictionary<string, string> { ["order-shipped"] = "none" });

        await Problems.AssertAsync(await Inboxes.PutPreferencesAsync(user, new Dictionary<string, string> { ["order-placed"] = "email", ["no-such-kind"] = "email" }), HttpStatusCode.BadRequest, ErrorCodes.Validation, "no-such-kind");
        await Problems.AssertAsync(await Inboxes.PutPreferencesAsync(user, new Dictionary<string, string> { ["order-placed"] = "pigeon" }), HttpStatusCode.BadRequest, ErrorCodes.Validation, "order-placed");
        await Problems.AssertAsync(await Inboxes.PutPreferencesAsync(user, new Dictionary<string, string?> { ["order-placed"] = null }), HttpStatusCode.BadRequest, ErrorCodes.Validation, "order-placed");
        await Problems.AssertAsync(await Inboxes.PutPreferencesAsync(user, new Dictionary<string, string> { ["outbid"] = "email" }), HttpStatusCode.BadRequest, ErrorCodes.Validation, "outbid");
        foreach (var security in new[] { "password-reset", "password-changed", "welcome", "registration-attempt" })
        {
            await Problems.AssertAsync(await Inboxes.PutPreferencesAsync(user, new Dictionary<string, string> { [security] = "none" }), HttpStatusCode.BadRequest, ErrorCodes.Validation, security);
        }

        await Problems.AssertAsync(await Inboxes.PutPreferencesAsync(user, new Dictionary<string, int> { ["order-placed"] = 1 }), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
        var chosen = await Inboxes.ChannelsAsync(user);
        Assert.Equal(("none", "both"), (chosen["order-shipped"], chosen["order-placed"]));
    }

    [Fact]
    public async Task The_inbox_drops_a_kind_its_user_wants_by_e_mail_or_not_at_all_but_never_a_security_notice()
    {
        using var user = await TestUsers.CreateAsync(factory);
        await Inboxes.SetAsync(user, new Dictionary<string, string> { ["outbid"] = "none", ["order-shipped"] = "email", ["return-updated"] = "in-app" });
        var inbox = Grains.GetGrain<INotificationInboxGrain>(user.Id);
        var at = DateTimeOffset.UtcNow;
        foreach (var (id, type) in new[] { ("a:outbid", "outbid"), ("b:shipped", "order-shipped"), ("c:return", "return-updated"), ("d:attempt", "registration-attempt"), ("e:won", "auction-won") })
        {
            await inbox.AddAsync(new Notification(id, type, "t", "b", null, at));
            at = at.AddSeconds(1);
        }

        Assert.Equal([("e:won", "auction-won"), ("d:attempt", "registration-attempt"), ("c:return", "return-updated")], await Inboxes.ListAsync(user));
    }
}
