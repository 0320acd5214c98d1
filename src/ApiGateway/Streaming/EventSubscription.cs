using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// One watcher's place in a live stream (an auction's, an order's): the events after <see cref="LastSequence"/>, in order, in a buffer of
/// bounded size. While the watcher catches up (from the sequence it came with, or after the feed reconnected), the feed
/// hands it events as fast as it reads them: a full buffer pauses it, and reading half of it resumes it. Once it has
/// caught up it is live, and the feed never waits for a live watcher: one whose buffer fills up has fallen too far
/// behind and is dropped (<see cref="Overflowed"/>, and <see cref="ReadAllAsync"/> ends); it may come back with the
/// last sequence it has. Disposing the subscription ends it.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<StreamEvent> _events;
    private readonly int _capacity;
    private readonly Action _resume;
    private readonly Action<EventSubscription> _unsubscribe;
    private long _lastSequence;
    private volatile bool _overflowed;
    private volatile bool _catchingUp = true;
    private int _paused;
    private int _disposed;

    internal EventSubscription(Guid streamId, long after, int capacity, Action resume, Action<EventSubscription> unsubscribe)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        StreamId = streamId;
        _lastSequence = after;
        _capacity = capacity;
        _resume = resume;
        _unsubscribe = unsubscribe;
        _events = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    internal enum Offered
    {
        /// <summary>Handed over (or the watcher already had it).</summary>
        Taken,

        /// <summary>A catching-up watcher's buffer is full: the rest waits until it has read half of it.</summary>
        Paused,

        /// <summary>A live watcher's buffer is full: it is dropped.</summary>
        Dropped,
    }

    /// <summary>The stream: the auction or order whose events these are.</summary>
    public Guid StreamId { get; }

    /// <summary>The sequence of the last event handed to this watcher (at first, the one it came with).</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Whether the watcher fell so far behind that its buffer filled up while it was live; it gets nothing more.</summary>
    public bool Overflowed => _overflowed;

    /// <summary>Whether the feed should hand this watcher events now (neither dropped nor paused).</summary>
    internal bool IsReady => !_overflowed && Volatile.Read(ref _paused) == 0;

    /// <summary>The events, in order, as they come; ends when the watcher is dropped or the subscription disposed.</summary>
    public async IAsyncEnumerable<StreamEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _events.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_events.Reader.TryRead(out var e))
            {
                if (Volatile.Read(ref _paused) == 1 && _events.Reader.Count <= _capacity / 2)
                {
                    Resume();
                }

                yield return e;
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _events.Writer.TryComplete();
            _unsubscribe(this);
        }
    }

    /// <summary>Hands over <paramref name="e"/> unless the watcher already has it.</summary>
    internal Offered Offer(StreamEvent e)
    {
        if (_overflowed)
        {
            return Offered.Dropped;
        }

        if (e.Sequence <= LastSequence)
        {
            return Offered.Taken;
        }

        if (_events.Writer.TryWrite(e))
        {
            Interlocked.Exchange(ref _lastSequence, e.Sequence);
            return Offered.Taken;
        }

        if (_catchingUp)
        {
            Volatile.Write(ref _paused, 1);

            // The watcher may have read half its buffer before the pause was set: then nobody else will resume it.
            if (_events.Reader.Count <= _capacity / 2)
            {
                Resume();
            }

            return Offered.Paused;
        }

        _overflowed = true;
        _events.Writer.TryComplete();
        return Offered.Dropped;
    }

    /// <summary>The watcher has every event the table held at the last read: from now on it is live.</summary>
    internal void CaughtUp() => _catchingUp = false;

    /// <summary>The feed missed notifications (it reconnected): what comes next may be a burst, which the watcher may take at its pace.</summary>
    internal void CatchUpAgain() => _catchingUp = true;

    private void Resume()
    {
        if (Interlocked.Exchange(ref _paused, 0) == 1)
        {
            _resume();
        }
    }
}
