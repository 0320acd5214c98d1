namespace GrainMarket.Runtime.Database;

/// <summary>
/// Gathers work that arrives while earlier work is on its way to PostgreSQL and hands it on in groups, one round trip
/// per group: at most <see cref="Senders"/> groups are on their way at once, each of at most <c>maxPerGroup</c> items.
/// Under load the groups grow by themselves; an item that arrives alone goes at once, alone.
/// </summary>
internal sealed class BatchQueue<T>(int maxPerGroup, Func<List<T>, Task> send)
{
    /// <summary>How many groups may be on their way at once: enough to keep each core busy while another group waits for the network or the disk.</summary>
    public static readonly int Senders = Math.Max(2, Environment.ProcessorCount);

    private readonly Lock _sync = new();
    private readonly Queue<T> _queue = new();
    private int _sending;

    /// <summary>Queues <paramref name="item"/> for the next group; <c>send</c> completes it, and must not throw.</summary>
    public void Enqueue(T item)
    {
        bool startSender;
        lock (_sync)
        {
            _queue.Enqueue(item);
            startSender = _sending < Senders;
            if (startSender)
            {
                _sending++;
            }
        }

        if (startSender)
        {
            _ = Task.Run(SendAsync, CancellationToken.None);
        }
    }

    /// <summary>Sends groups until the queue is empty.</summary>
    private async Task SendAsync()
    {
        while (true)
        {
            List<T> group;
            lock (_sync)
            {
                if (_queue.Count == 0)
                {
                    _sending--;
                    return;
                }

                group = new List<T>(Math.Min(_queue.Count, maxPerGroup));
                while (group.Count < maxPerGroup && _queue.TryDequeue(out var next))
                {
                    group.Add(next);
                }
            }

            await send(group);
        }
    }
}
