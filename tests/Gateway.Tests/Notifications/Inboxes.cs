using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary>Reads of a user's inbox and preferences through the public API.</summary>
public static class Inboxes
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The inbox's notifications, newest first, as (id, type).</summary>
    public static async Task<List<(string Id, string Type)>> ListAsync(TestUser user)
    {
        var page = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/notifications?limit=100", UriKind.Relative), Ct));
        return [.. page.GetProperty("items").EnumerateArray().Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("type").GetString()!))];
    }

    /// <summary>The inbox's notifications, newest first, as full JSON.</summary>
    public static async Task<List<JsonElement>> ItemsAsync(TestUser user)
    {
        var page = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/notifications?limit=100", UriKind.Relative), Ct));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static Task<HttpResponseMessage> PutPreferencesAsync(TestUser user, object choices) =>
        user.Client.PutAsJsonAsync("/api/me/notification-preferences", choices, Ct);

    /// <summary>The caller's channel of every kind, as <c>GET /api/me/notification-preferences</c> says.</summary>
    public static async Task<Dictionary<string, string>> ChannelsAsync(TestUser user)
    {
        var body = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me/notification-preferences", UriKind.Relative), Ct));
        return body.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("channel").GetString()!);
    }

    public static async Task SetAsync(TestUser user, object choices) =>
        await Json.ReadAsync(await PutPreferencesAsync(user, choices), HttpStatusCode.OK);
}
