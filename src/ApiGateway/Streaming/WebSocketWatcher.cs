using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// One WebSocket that watches live streams (<see cref="EventSubscription"/>s): it pushes their events as the feed hands
/// them over while it reads the watcher's messages, until the watcher or the server closes or the connection fails.
/// Sends never overlap (one lock) and none waits forever: a watcher that stops reading is cut off, and a live one whose
/// buffer fills up is closed with a policy violation that says how to come back. What the watcher's messages mean is the
/// subclass's (<see cref="OnMessageAsync"/>).
/// </summary>
internal abstract class WebSocketWatcher(WebSocket socket, JsonSerializerOptions json, TimeProvider time) : IDisposable
{
    /// <summary>The largest message a watcher may send; a larger one closes the socket (message too big).</summary>
    public const int MaxMessageBytes = 4096;

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private bool _closeSent;
    private Task _stopping = Task.CompletedTask;
    private long _windowStart;
    private int _inWindow;

    protected JsonSerializerOptions Json => json;

    protected TimeProvider Time => time;

    public void Dispose()
    {
        _sending.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="push"/> while reading the watcher's messages, until the watcher closes or the connection
    /// fails; a stopping server closes the socket, telling the watcher to <paramref name="reconnect"/>.
    /// </summary>
    protected async Task ServeAsync(Func<CancellationToken, Task> push, string reconnect, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(push);
        using var pushing = new CancellationTokenSource();
        var pushed = push(pushing.Token);
        await using (stopping.Register(() => _stopping = CloseAsync(WebSocketCloseStatus.EndpointUnavailable, $"The server is stopping: {reconnect}")))
        {
            await ReceiveAsync(stopping);
        }

        await pushing.CancelAsync();
        await pushed;
        await _stopping;
    }

    /// <summary>A message of the watcher (its length within <see cref="MaxMessageBytes"/>), read while the socket is open.</summary>
    protected abstract Task OnMessageAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping);

    /// <summary>
    /// Sends the events of <paramref name="subscription"/> until it ends or the socket does; a watcher that fell a full
    /// buffer behind is closed with the words <paramref name="tooFarBehind"/> gives for the last sequence it was sent.
    /// A <paramref name="replayed"/> state goes out right after the last event it includes: a watcher that came back
    /// with <c>?after=</c> gets what it missed first, then the state as it stands, then what follows.
    /// </summary>
    protected async Task PushAsync(EventSubscription subscription, Func<long, string> tooFarBehind, CancellationToken cancellationToken, ReplayedState? replayed = null)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(tooFarBehind);
        var lastSent = subscription.LastSequence;
        try
        {
            await foreach (var e in subscription.ReadAllAsync(cancellationToken))
            {
                if (subscription.Overflowed || !await SendAsync(e.Message))
                {
                    break;
                }

                lastSent = e.Sequence;
                if (replayed is not null && e.Sequence >= replayed.Sequence)
                {
                    if (!await SendAsync(replayed.Message))
                    {
                        break;
                    }

                    replayed = null;
                }
            }

            if (subscription.Overflowed)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, tooFarBehind(lastSent));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher is gone.
        }
    }

    /// <summary>
    /// Starts a watcher that came with <paramref name="after"/> on a stream whose state (<paramref name="state"/>) stands
    /// at <paramref name="sequence"/>: the state goes out now when there is nothing to replay, and is returned to go out
    /// after the replayed events (<see cref="PushAsync"/>) otherwise. False when the socket is closing.
    /// </summary>
    protected async Task<(bool Open, ReplayedState? Replayed)> StartReplayAsync(long after, long sequence, byte[] state)
    {
        if (after < sequence)
        {
            return (true, new ReplayedState(sequence, state));
        }

        return (await SendAsync(state), null);
    }

    /// <summary>The state message of a watcher that replays events, and the sequence it stands at.</summary>
    protected sealed record ReplayedState(long Sequence, byte[] Message);

    /// <summary>
    /// Counts a message against the socket's rate of <paramref name="perSecond"/>: fixed one-second windows, each starting
    /// at the first message read after the one before ended, so no timer runs per socket and a burst is judged from its
    /// own first message. False when the message is over the rate.
    /// </summary>
    protected bool TakeMessage(int perSecond)
    {
        var now = Time.GetTimestamp();
        if (_inWindow == 0 || Time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            _windowStart = now;
            _inWindow = 0;
        }

        if (_inWindow >= perSecond)
        {
            return false;
        }

        _inWindow++;
        return true;
    }

    /// <summary>The close reason of a watcher too far behind that comes back with <c>?after=</c>.</summary>
    protected static string ReconnectAfter(long lastSent) => string.Create(CultureInfo.InvariantCulture, $"Too far behind: reconnect with ?after={lastSent}.");

    /// <summary>How a transport reports a connection that failed, was cut off or timed out (Kestrel and the test server differ).</summary>
    protected static bool IsConnectionGone(Exception exception) =>
        exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException;

    protected byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, json);

    /// <summary>Sends one message, unless closing; false when it cannot (a send that takes too long cuts the connection).</summary>
    protected async Task<bool> SendAsync(ReadOnlyMemory<byte> message)
    {
        await _sending.WaitAsync();
        try
        {
            if (_closeSent || socket.State != WebSocketState.Open)
            {
                return false;
            }

            using var timeout = new CancellationTokenSource(SendTimeout);
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            return true;
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            socket.Abort();
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends the close frame (once); a watcher that does not answer it in time is cut off.</summary>
    protected async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        await _sending.WaitAsync();
        try
        {
            if (_closeSent || socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            _closeSent = true;
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            socket.Abort();
            return;
        }
        finally
        {
            _sending.Release();
        }

        // The watcher's close frame ends the receive loop; one that never comes must not keep the connection.
        _ = AbortUnlessClosedAsync();
    }

    /// <summary>Reads the watcher's messages until its close frame arrives (answering it) or the connection fails.</summary>
    private async Task ReceiveAsync(CancellationToken stopping)
    {
        var buffer = new byte[MaxMessageBytes];
        try
        {
            while (true)
            {
                var (type, length) = await ReadMessageAsync(buffer);
                if (type == WebSocketMessageType.Close)
                {
                    await CloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "");
                    return;
                }

                if (length < 0)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are at most {MaxMessageBytes} bytes.");
                }
                else if (!_closeSent)
                {
                    await OnMessageAsync(type, buffer.AsMemory(0, length), stopping);
                }
            }
        }
        catch (Exception exception) when (IsConnectionGone(exception))
        {
            // The connection failed or was cut off.
        }
    }

    /// <summary>The next message (its length, or -1 when it does not fit: the rest of it arrives as further messages, ignored once closing).</summary>
    private async Task<(WebSocketMessageType Type, int Length)> ReadMessageAsync(byte[] buffer)
    {
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
            if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage)
            {
                return (result.MessageType, count);
            }

            if (count == buffer.Length)
            {
                return (result.MessageType, -1);
            }
        }
    }

    private async Task AbortUnlessClosedAsync()
    {
        await Task.Delay(CloseTimeout, time, CancellationToken.None);
        if (socket.State is WebSocketState.CloseSent or WebSocketState.Open)
        {
            socket.Abort();
        }
    }
}
