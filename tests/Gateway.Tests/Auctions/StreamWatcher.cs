using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.TestHost;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>A WebSocket client of a live stream (<c>/ws/auctions/{id}</c>, <c>/ws/orders/{id}</c>…), as a browser or an app would hold one; every read has a limit.</summary>
public sealed class StreamWatcher : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Messages read while looking for another type, in order; the next reads take them first.</summary>
    private readonly List<JsonElement> _pending = [];

    private StreamWatcher(WebSocket socket) => Socket = socket;

    public WebSocket Socket { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Connects, signed in with <paramref name="user"/>'s bearer token (or its access cookie), or anonymously.</summary>
    public static Task<StreamWatcher> ConnectAsync(TestServer server, Guid auctionId, string query = "", TestUser? user = null, bool cookie = false, string? origin = null) =>
        ConnectToAsync(server, $"ws/auctions/{auctionId}{query}", user, cookie, origin);

    /// <summary>Connects to the stream at <paramref name="path"/> (relative, with its query), as <see cref="ConnectAsync"/> does.</summary>
    public static async Task<StreamWatcher> ConnectToAsync(TestServer server, string path, TestUser? user = null, bool cookie = false, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = server.CreateWebSocketClient();
        var token = user?.Client.DefaultRequestHeaders.Authorization?.Parameter;
        client.ConfigureRequest = request =>
        {
            if (token is not null)
            {
                request.Headers[cookie ? "Cookie" : "Authorization"] = cookie ? $"{GrainMarket.ApiGateway.Auth.AuthCookies.Access}={token}" : $"Bearer {token}";
            }

            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        return new StreamWatcher(await client.ConnectAsync(new Uri(server.BaseAddress, path), timeout.Token));
    }

    /// <summary>The next message, as JSON; fails if none comes within <see cref="Patience"/> or the server closes.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        if (_pending.Count > 0)
        {
            var first = _pending[0];
            _pending.RemoveAt(0);
            return first;
        }

        return await ReadAsync();
    }

    /// <summary>The next message of <paramref name="type"/>; events and answers interleave, so the others stay for later reads.</summary>
    public async Task<JsonElement> ReceiveAsync(string type)
    {
        var index = _pending.FindIndex(m => TypeOf(m) == type);
        if (index >= 0)
        {
            var found = _pending[index];
            _pending.RemoveAt(index);
            return found;
        }

        while (true)
        {
            var message = await ReadAsync();
            if (TypeOf(message) == type)
            {
                return message;
            }

            _pending.Add(message);
        }
    }

    /// <summary>The events until (and with) the one numbered <paramref name="sequence"/>, skipping answers to bids.</summary>
    public async Task<List<JsonElement>> EventsThroughAsync(long sequence)
    {
        var events = new List<JsonElement>();
        while (events.Count == 0 || events[^1].GetProperty("sequence").GetInt64() < sequence)
        {
            var message = await ReceiveAsync();
            if (TypeOf(message) is not ("bid_result" or "bid_error"))
            {
                events.Add(message);
            }
        }

        return events;
    }

    /// <summary>The messages before the server's close frame, and the frame's status and description.</summary>
    public async Task<(List<JsonElement> Messages, WebSocketCloseStatus? Status, string? Description)> ReceiveUntilClosedAsync()
    {
        var messages = new List<JsonElement>(_pending);
        _pending.Clear();
        while (true)
        {
            var (type, text) = await ReceiveRawAsync(Patience);
            if (type == WebSocketMessageType.Close)
            {
                return (messages, Socket.CloseStatus, Socket.CloseStatusDescription);
            }

            messages.Add(JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        await Socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
    }

    public async Task CloseAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    public void Dispose() => Socket.Dispose();

    private static string? TypeOf(JsonElement message) => message.GetProperty("type").GetString();

    private async Task<JsonElement> ReadAsync()
    {
        var (type, text) = await ReceiveRawAsync(Patience);
        Assert.True(type == WebSocketMessageType.Text, $"Expected a message, got {type} {Socket.CloseStatus} {Socket.CloseStatusDescription}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveRawAsync(TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(limit);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, timeout.Token);
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, Encoding.UTF8.GetString(text.ToArray()));
            }
        }
    }
}
