using System.Threading.Channels;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The watchers of one auction on this gateway and the one reader that serves them all: each signal (a notification,
/// a new watcher, a reconnect, a paused watcher ready for more) reads the auction's events after the sequence of the
/// watcher furthest behind, once, and hands every watcher the ones it does not have yet, in order. Signals that arrive
/// during a read are merged into one more read, so a burst of notifications costs at most two queries.
/// </summary>
internal sealed class AuctionTopic
{
    private const int PageSize = 500;

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private const string EventsSql = """
        SELECT sequence, type, data, at FROM auction_events
        WHERE auction_id = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3
        """;

    private readonly Lock _sync = new();
    private readonly List<AuctionSubscription> _subscribers = [];
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Guid _auctionId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    public AuctionTopic(Guid auctionId, NpgsqlDataSource dataSource, ILogger logger, CancellationToken stopping)
    {
        _auctionId = auctionId;
        _dataSource = dataSource;
        _logger = logger;
        _ = Task.Run(() => PumpAsync(stopping), CancellationToken.None);
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _subscribers.Count;
            }
        }
    }

    public AuctionSubscription Subscribe(long after, int capacity, Action<AuctionSubscription> unsubscribe)
    {
        var subscription = new AuctionSubscription(_auctionId, after, capacity, Signal, unsubscribe);
        lock (_sync)
        {
            _subscribers.Add(subscription);
        }

        Signal();
        return subscription;
    }

    /// <summary>Removes the watcher; true when it was the last one (the caller then stops the topic).</summary>
    public bool Remove(AuctionSubscription subscription)
    {
        lock (_sync)
        {
            _subscribers.Remove(subscription);
            return _subscribers.Count == 0;
        }
    }

    /// <summary>The auction's events up to <paramref name="sequence"/> are committed: read them unless every watcher has them.</summary>
    public void Notify(long sequence)
    {
        if (Snapshot().Any(s => s.LastSequence < sequence))
        {
            Signal();
        }
    }

    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>After notifications were missed: every watcher takes what comes next at its own pace, then is live again.</summary>
    public void CatchUpAgain()
    {
        foreach (var subscriber in Snapshot())
        {
            subscriber.CatchUpAgain();
        }

        Signal();
    }

    public void Stop() => _signals.Writer.TryComplete();

    private AuctionSubscription[] Snapshot()
    {
        lock (_sync)
        {
            return [.. _subscribers];
        }
    }

    private async Task PumpAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in _signals.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await CatchUpAsync(stopping);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // This loop must outlive any failure (a database hiccup above all): nothing was handed on past what
                    // was read, so the next read starts where each watcher stands.
                    _logger.LogWarning(exception, "Could not read the events of auction {AuctionId}; retrying in {RetryDelay}", _auctionId, RetryAfterFailure);
                    await Task.Delay(RetryAfterFailure, stopping);
                    Signal();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The gateway is stopping.
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var subscribers = Snapshot().Where(s => s.IsReady).ToList();
            if (subscribers.Count == 0)
            {
                return;
            }

            var events = await ReadAsync(subscribers.Min(s => s.LastSequence), cancellationToken);
            var atEnd = events.Count < PageSize;
            foreach (var subscriber in subscribers)
            {
                Deliver(subscriber, events, atEnd);
            }

            if (atEnd)
            {
                return;
            }
        }
    }

    /// <summary>Hands <paramref name="events"/> over in order, up to a pause or a drop; <paramref name="atEnd"/>: they reach the end of the table.</summary>
    private void Deliver(AuctionSubscription subscriber, List<AuctionStreamEvent> events, bool atEnd)
    {
        foreach (var e in events)
        {
            var expected = subscriber.LastSequence + 1;
            if (e.Sequence > expected)
            {
                // Committed sequences have no gaps: a hole means the grain's numbering went wrong. Order still holds.
                _logger.LogWarning("Auction {AuctionId} skipped from sequence {Expected} to {Sequence} in its events", _auctionId, expected - 1, e.Sequence);
            }

            switch (subscriber.Offer(e))
            {
                case AuctionSubscription.Offered.Paused:
                    return;
                case AuctionSubscription.Offered.Dropped:
                    _logger.LogInformation("A watcher of auction {AuctionId} fell a full buffer behind at sequence {Sequence}; it is dropped", _auctionId, subscriber.LastSequence);
                    return;
            }
        }

        if (atEnd)
        {
            subscriber.CaughtUp();
        }
    }

    private async Task<List<AuctionStreamEvent>> ReadAsync(long after, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(EventsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = _auctionId });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = PageSize });
        var events = new List<AuctionStreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(AuctionStreamEvent.From(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return events;
    }
}
