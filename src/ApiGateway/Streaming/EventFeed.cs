using GrainMarket.ApiGateway.ReadModels;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The gateway's view of one kind of live stream (an auction's, an order's): a table of sequence-numbered events per
/// stream, and a PostgreSQL channel that each commit of a stream's events notifies with <c>&lt;stream id&gt;:&lt;last sequence&gt;</c>
/// (and, if the kind of stream wants, <c>:&lt;detail&gt;</c>).
/// One dedicated connection <c>LISTEN</c>s on <see cref="Channel"/>; a notification for a stream that has watchers here
/// makes that stream's <see cref="EventTopic"/> read the new rows once (<see cref="EventsSql"/>) and hand them to each
/// watcher in order. Because the table, not the notification, carries the events, nothing is lost when the connection
/// drops: the feed reconnects with back-off and, once it listens again, re-reads every watched stream from where each
/// watcher stands. Every gateway has its own feeds, so a watcher sees every event whichever gateway it is connected to.
/// Without a database (the in-memory mode) there is no feed, and <see cref="IsAvailable"/> is false.
/// </summary>
public abstract class EventFeed(ReadModelDatabase readModels, ILogger logger) : BackgroundService
{
    /// <summary>How many events may wait for a live watcher before it has fallen too far behind (every stream's subscriptions).</summary>
    public const int Backlog = 256;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long the connection may be silent before a query checks that it is still there (a half-open TCP connection never says so).</summary>
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, EventTopic> _topics = [];
    private readonly CancellationTokenSource _stopping = new();
    private int? _backendProcessId;
    private long _connects;
    private int _disposed;

    public bool IsAvailable => readModels.IsAvailable;

    public FeedStatus Status
    {
        get
        {
            lock (_sync)
            {
                return new FeedStatus(_backendProcessId is not null, _backendProcessId, Interlocked.Read(ref _connects), _topics.Count, _topics.Values.Sum(t => t.Count));
            }
        }
    }

    /// <summary>The PostgreSQL notification channel of this kind of stream.</summary>
    protected abstract string Channel { get; }

    /// <summary>
    /// The query of a stream's events: <c>sequence, type, data (jsonb), at</c> of stream <c>$1</c> after sequence <c>$2</c>,
    /// in order, at most <c>$3</c>.
    /// </summary>
    protected abstract string EventsSql { get; }

    protected ReadModelDatabase ReadModels => readModels;

    /// <summary>
    /// Starts handing the events of stream <paramref name="streamId"/> after sequence <paramref name="after"/> to a new
    /// subscription, which holds at most <paramref name="capacity"/> undelivered events. Dispose it to stop.
    /// </summary>
    public EventSubscription Subscribe(Guid streamId, long after, int capacity)
    {
        var dataSource = readModels.DataSource;
        lock (_sync)
        {
            if (!_topics.TryGetValue(streamId, out var topic))
            {
                topic = new EventTopic(streamId, dataSource, EventsSql, logger, _stopping.Token);
                _topics[streamId] = topic;
            }

            return topic.Subscribe(after, capacity, Unsubscribe);
        }
    }

    /// <summary>
    /// A notification <c>&lt;stream id&gt;:&lt;sequence&gt;:&lt;detail&gt;</c> (which also says that the stream's events up to
    /// <paramref name="sequence"/> are committed): what the detail means is the kind of stream's. The default ignores it.
    /// </summary>
    protected virtual void OnDetail(Guid streamId, long sequence, ReadOnlySpan<char> detail)
    {
    }

    /// <summary>The feed listens again after it did not for a while: notifications may have been missed. The default does nothing more than re-read every watched stream.</summary>
    protected virtual void OnListening()
    {
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped again after its services were disposed (a test server's disposal after the host
        // stopped itself); by then there is nothing left to stop.
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }

        base.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!readModels.IsAvailable)
        {
            logger.LogInformation("No database: the live streams of {Channel} are off (their endpoints answer 503)", Channel);
            return;
        }

        var retry = FirstRetry;
        while (true)
        {
            var connects = Interlocked.Read(ref _connects);
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Whatever broke the connection (the server restarted, the network, a terminated backend), the feed
                // must outlive it: the re-read after reconnecting makes up for the notifications missed meanwhile.
                // A connection that did listen starts the back-off again.
                retry = Interlocked.Read(ref _connects) != connects ? FirstRetry : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                logger.LogWarning(exception, "The live streams of {Channel} have no PostgreSQL connection; reconnecting in {RetryDelay}", Channel, retry);
            }
            finally
            {
                lock (_sync)
                {
                    _backendProcessId = null;
                }
            }

            try
            {
                await Task.Delay(retry * (0.8 + (0.4 * Random.Shared.NextDouble())), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await readModels.DataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += OnNotification;
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        Interlocked.Increment(ref _connects);
        EventTopic[] topics;
        lock (_sync)
        {
            _backendProcessId = connection.ProcessID;
            topics = [.. _topics.Values];
        }

        logger.LogInformation("The live streams listen on {Channel} (backend {BackendProcessId})", Channel, connection.ProcessID);

        // Listening from here on: events committed before now are in the table, later ones will be notified.
        foreach (var topic in topics)
        {
            topic.CatchUpAgain();
        }

        OnListening();

        try
        {
            while (true)
            {
                if (!await connection.WaitAsync(ProbeAfter, stoppingToken))
                {
                    await using var probe = new NpgsqlCommand("SELECT 1", connection);
                    await probe.ExecuteScalarAsync(stoppingToken);
                }
            }
        }
        finally
        {
            await StopListeningAsync(connection);
        }
    }

    /// <summary>
    /// The pool does not reset a returned connection (the runtime's default), so one that is still usable stops
    /// listening before it goes back; a broken one is discarded by the pool anyway.
    /// </summary>
    private async Task StopListeningAsync(NpgsqlConnection connection)
    {
        connection.Notification -= OnNotification;
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var unlisten = new NpgsqlCommand($"UNLISTEN {Channel}", connection);
            await unlisten.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // A cancelled command breaks the connection, and the pool discards a broken one.
            logger.LogDebug(exception, "Could not stop listening on {Channel}", Channel);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        // '<stream id>:<sequence>' or '<stream id>:<sequence>:<detail>'; anything else on the channel is not ours to read.
        var payload = notification.Payload.AsSpan();
        var colon = payload.IndexOf(':');
        if (colon < 0 || !Guid.TryParse(payload[..colon], out var streamId))
        {
            return;
        }

        var rest = payload[(colon + 1)..];
        var second = rest.IndexOf(':');
        var number = second < 0 ? rest : rest[..second];
        if (!long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        EventTopic? topic;
        lock (_sync)
        {
            _topics.TryGetValue(streamId, out topic);
        }

        topic?.Notify(sequence);
        if (second >= 0)
        {
            OnDetail(streamId, sequence, rest[(second + 1)..]);
        }
    }

    private void Unsubscribe(EventSubscription subscription)
    {
        lock (_sync)
        {
            if (_topics.TryGetValue(subscription.StreamId, out var topic) && topic.Remove(subscription))
            {
                _topics.Remove(subscription.StreamId);
                topic.Stop();
            }
        }
    }
}
