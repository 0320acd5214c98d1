using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.TestHost;

namespace GrainMarket.Gateway.Tests.Chat;

/// <summary>Users who chat, made and driven through the public API; each gets a display name and username no other test uses.</summary>
public sealed class ChatUsers(GatewayFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new buyer whose display name and username are <c>{prefix}_{random}</c>, 30 characters (what the user directory finds).</summary>
    public async Task<ChatUser> CreateAsync(string prefix = "chat")
    {
        var user = await TestUsers.CreateAsync(factory);
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        using var renamed = await user.Client.PatchAsJsonAsync("/api/me", new { displayName = name, username = name }, Ct);
        await Json.ReadAsync(renamed);
        return new ChatUser(user, name);
    }

    /// <summary>Two new users and the conversation the first started with the second.</summary>
    public async Task<ChatPair> PairAsync()
    {
        var alice = await CreateAsync();
        var bob = await CreateAsync();
        return new ChatPair(alice, bob, await StartAsync(alice.User, bob.User.Id));
    }

    public static async Task<Guid> StartAsync(TestUser user, Guid peerId, Guid? productId = null)
    {
        using var started = await user.Client.PostAsJsonAsync("/api/conversations", new { userId = peerId, productId }, Ct);
        return (await Json.ReadAsync(started)).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> SendAsync(TestUser user, Guid conversationId, string text, string? clientId = null)
    {
        using var sent = await user.Client.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { clientId = clientId ?? Guid.NewGuid().ToString("N"), text }, Ct);
        return await Json.ReadAsync(sent);
    }

    public static async Task BlockAsync(TestUser user, Guid userId)
    {
        using var blocked = await user.Client.PostAsJsonAsync("/api/me/blocks", new { userId }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, blocked.StatusCode);
    }

    public static async Task<JsonElement> GetAsync(TestUser user, string path)
    {
        using var response = await user.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return await Json.ReadAsync(response);
    }

    /// <summary>The caller's entry for <paramref name="conversationId"/> in <c>GET /api/conversations</c>.</summary>
    public static async Task<JsonElement> EntryAsync(TestUser user, Guid conversationId) =>
        (await GetAsync(user, "/api/conversations?limit=100")).GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == conversationId);

    public static Task<StreamWatcher> WatchAsync(TestServer server, TestUser user, string query = "") =>
        StreamWatcher.ConnectToAsync(server, $"ws/chat{query}", user);

    public static string? TypeOf(JsonElement message) => message.GetProperty("type").GetString();

    /// <summary>The next <paramref name="count"/> events of <paramref name="type"/> (other messages are left for later reads).</summary>
    public static async Task<List<JsonElement>> ReceiveAsync(StreamWatcher watcher, string type, int count)
    {
        var events = new List<JsonElement>();
        while (events.Count < count)
        {
            events.Add(await watcher.ReceiveAsync(type));
        }

        return events;
    }
}
