using System.Threading.Channels;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The watchers of one stream (an auction, an order) on this gateway and the one reader that serves them all: each signal (a notification,
/// a new watcher, a reconnect, a paused watcher ready for more) reads the stream's events after the sequence of the
/// watcher furthest behind, once, and hands every watcher the ones it does not have yet, in order. Signals that arrive
/// during a read are merged into one more read, so a burst of notifications costs at most two queries. The query is the
/// feed's (<c>EventFeed.EventsSql</c>).
/// </summary>
internal sealed class EventTopic
{
    private const int PageSize = 500;

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly Lock _sync = new();
    private readonly List<EventSubscription> _subscribers = [];
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Guid _streamId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _eventsSql;
    private readonly ILogger _logger;

    public EventTopic(Guid streamId, NpgsqlDataSource dataSource, string eventsSql, ILogger logger, CancellationToken stopping)
    {
        _streamId = streamId;
        _dataSource = dataSource;
        _eventsSql = eventsSql;
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

    public EventSubscription Subscribe(long after, int capacity, Action<EventSubscription> unsubscribe)
    {
        var subscription = new EventSubscription(_streamId, after, capacity, Signal, unsubscribe);
        lock (_sync)
        {
            _subscribers.Add(subscription);
        }

        Signal();
        return subscription;
    }

    /// <summary>Removes the watcher; true when it was the last one (the caller then stops the topic).</summary>
    public bool Remove(EventSubscription subscription)
    {
        lock (_sync)
        {
            _subscribers.Remove(subscription);
            return _subscribers.Count == 0;
        }
    }

    /// <summary>The stream's events up to <paramref name="sequence"/> are committed: read them unless every watcher has them.</summary>
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

    private EventSubscription[] Snapshot()
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
                    _logger.LogWarning(exception, "Could not read the events of stream {StreamId}; retrying in {RetryDelay}", _streamId, RetryAfterFailure);
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
    private void Deliver(EventSubscription subscriber, List<StreamEvent> events, bool atEnd)
    {
        foreach (var e in events)
        {
            var expected = subscriber.LastSequence + 1;
            if (e.Sequence > expected)
            {
                // Committed sequences have no gaps: a hole means the grain's numbering went wrong. Order still holds.
                _logger.LogWarning("Stream {StreamId} skipped from sequence {Expected} to {Sequence} in its events", _streamId, expected - 1, e.Sequence);
            }

            switch (subscriber.Offer(e))
            {
                case EventSubscription.Offered.Paused:
                    return;
                case EventSubscription.Offered.Dropped:
                    _logger.LogInformation("A watcher of stream {StreamId} fell a full buffer behind at sequence {Sequence}; it is dropped", _streamId, subscriber.LastSequence);
                    return;
            }
        }

        if (atEnd)
        {
            subscriber.CaughtUp();
        }
    }

    private async Task<List<StreamEvent>> ReadAsync(long after, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_eventsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = _streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = PageSize });
        var events = new List<StreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(StreamEvent.From(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return events;
    }
}
