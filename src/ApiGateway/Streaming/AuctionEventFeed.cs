using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Auctions;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The gateway's view of every auction's live stream. One dedicated connection <c>LISTEN</c>s on
/// <see cref="AuctionEvents.Channel"/>, where each commit of an auction's events notifies <c>&lt;auction id&gt;:&lt;last sequence&gt;</c>;
/// a notification for an auction that has watchers here makes that auction's <see cref="AuctionTopic"/> read the new
/// rows of <c>auction_events</c> once and hand them to each watcher in order. Because the table, not the notification,
/// carries the events, nothing is lost when the connection drops: the feed reconnects with back-off and, once it
/// listens again, re-reads every watched auction from where each watcher stands. Every gateway has its own feed, so
/// a watcher sees every event whichever gateway it is connected to. Without a database (the in-memory mode) there is
/// no feed, and <see cref="IsAvailable"/> is false.
/// </summary>
public sealed class AuctionEventFeed(ReadModelDatabase readModels, ILogger<AuctionEventFeed> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long the connection may be silent before a query checks that it is still there (a half-open TCP connection never says so).</summary>
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, AuctionTopic> _topics = [];
    private readonly CancellationTokenSource _stopping = new();
    private int? _backendProcessId;
    private long _connects;
    private int _disposed;

    public bool IsAvailable => readModels.IsAvailable;

    public AuctionFeedStatus Status
    {
        get
        {
            lock (_sync)
            {
                return new AuctionFeedStatus(_backendProcessId is not null, _backendProcessId, Interlocked.Read(ref _connects), _topics.Count, _topics.Values.Sum(t => t.Count));
            }
        }
    }

    /// <summary>
    /// Starts handing the events of <paramref name="auctionId"/> after sequence <paramref name="after"/> to a new
    /// subscription, which holds at most <paramref name="capacity"/> undelivered events. Dispose it to stop.
    /// </summary>
    public AuctionSubscription Subscribe(Guid auctionId, long after, int capacity)
    {
        var dataSource = readModels.DataSource;
        lock (_sync)
        {
            if (!_topics.TryGetValue(auctionId, out var topic))
            {
                topic = new AuctionTopic(auctionId, dataSource, logger, _stopping.Token);
                _topics[auctionId] = topic;
            }

            return topic.Subscribe(after, capacity, Unsubscribe);
        }
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
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!readModels.IsAvailable)
        {
            logger.LogInformation("No database: the auctions' live stream is off (its endpoint answers 503)");
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
                logger.LogWarning(exception, "The auctions' live stream has no PostgreSQL connection; reconnecting in {RetryDelay}", retry);
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
        await using (var listen = new NpgsqlCommand($"LISTEN {AuctionEvents.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        Interlocked.Increment(ref _connects);
        AuctionTopic[] topics;
        lock (_sync)
        {
            _backendProcessId = connection.ProcessID;
            topics = [.. _topics.Values];
        }

        logger.LogInformation("The auctions' live stream listens on {Channel} (backend {BackendProcessId})", AuctionEvents.Channel, connection.ProcessID);

        // Listening from here on: events committed before now are in the table, later ones will be notified.
        foreach (var topic in topics)
        {
            topic.CatchUpAgain();
        }

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
            await using var unlisten = new NpgsqlCommand($"UNLISTEN {AuctionEvents.Channel}", connection);
            await unlisten.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // A cancelled command breaks the connection, and the pool discards a broken one.
            logger.LogDebug(exception, "Could not stop listening on {Channel}", AuctionEvents.Channel);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        // '<auction id>:<sequence>'; anything else on the channel is not ours to read.
        var payload = notification.Payload.AsSpan();
        var colon = payload.IndexOf(':');
        if (colon < 0 || !Guid.TryParse(payload[..colon], out var auctionId) || !long.TryParse(payload[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        AuctionTopic? topic;
        lock (_sync)
        {
            _topics.TryGetValue(auctionId, out topic);
        }

        topic?.Notify(sequence);
    }

    private void Unsubscribe(AuctionSubscription subscription)
    {
        lock (_sync)
        {
            if (_topics.TryGetValue(subscription.AuctionId, out var topic) && topic.Remove(subscription))
            {
                _topics.Remove(subscription.AuctionId);
                topic.Stop();
            }
        }
    }
}
