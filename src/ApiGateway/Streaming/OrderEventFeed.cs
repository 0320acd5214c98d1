using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Orders;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The orders' live streams on this gateway: the rows of <c>order_events</c>, notified on <see cref="OrderTracking.Channel"/>
/// by each commit of an order. The same notification names the users who became the order's parties
/// (<c>&lt;order id&gt;:&lt;sequence&gt;:&lt;user id&gt;,&lt;user id&gt;…</c>), which <see cref="WatchParties"/> hands to those users'
/// <c>/ws/orders</c> sockets on this gateway.
/// </summary>
public sealed class OrderEventFeed(ReadModelDatabase readModels, ILogger<OrderEventFeed> logger) : EventFeed(readModels, logger)
{
    /// <summary>The statuses after which an order has nothing more to track.</summary>
    private static readonly string[] Finished = [OrderStatuses.Completed, OrderStatuses.Cancelled];

    private const string ActiveOrdersSql = """
        SELECT p.order_id FROM order_parties p JOIN orders o ON o.id = p.order_id
        WHERE p.user_id = $1 AND p.active AND o.status <> ALL($2)
        ORDER BY o.created_at DESC, o.id DESC
        LIMIT $3
        """;

    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, List<Action<Guid?>>> _parties = [];

    protected override string Channel => OrderTracking.Channel;

    protected override string EventsSql => """
        SELECT sequence, kind, json_build_object('orderId', order_id, 'actor', actor, 'status', status)::text, at FROM order_events
        WHERE order_id = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3
        """;

    /// <summary>
    /// Calls <paramref name="joined"/> with each order <paramref name="userId"/> becomes a party of, and with null when
    /// the feed may have missed some (it listens again after a break): then the caller lists them again. It is called on
    /// the feed's connection, so it must only hand the id on. Dispose the result to stop.
    /// </summary>
    public IDisposable WatchParties(Guid userId, Action<Guid?> joined)
    {
        lock (_sync)
        {
            if (!_parties.TryGetValue(userId, out var watchers))
            {
                watchers = [];
                _parties[userId] = watchers;
            }

            watchers.Add(joined);
        }

        return new PartyWatch(this, userId, joined);
    }

    /// <summary>The newest <paramref name="limit"/> orders of <paramref name="userId"/> as buyer, seller or courier that are neither completed nor cancelled.</summary>
    public async Task<List<Guid>> ActiveOrdersAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        await using var command = ReadModels.DataSource.CreateCommand(ActiveOrdersSql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = Finished });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var orders = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            orders.Add(reader.GetGuid(0));
        }

        return orders;
    }

    protected override void OnDetail(Guid streamId, long sequence, ReadOnlySpan<char> detail)
    {
        // The users who became the order's parties: '<user id>,<user id>…'.
        foreach (var range in detail.Split(','))
        {
            if (Guid.TryParse(detail[range], out var userId))
            {
                foreach (var joined in WatchersOf(userId))
                {
                    joined(streamId);
                }
            }
        }
    }

    protected override void OnListening()
    {
        Action<Guid?>[] all;
        lock (_sync)
        {
            all = [.. _parties.Values.SelectMany(w => w)];
        }

        foreach (var joined in all)
        {
            joined(null);
        }
    }

    private Action<Guid?>[] WatchersOf(Guid userId)
    {
        lock (_sync)
        {
            return _parties.TryGetValue(userId, out var watchers) ? [.. watchers] : [];
        }
    }

    private void Unwatch(Guid userId, Action<Guid?> joined)
    {
        lock (_sync)
        {
            if (_parties.TryGetValue(userId, out var watchers) && watchers.Remove(joined) && watchers.Count == 0)
            {
                _parties.Remove(userId);
            }
        }
    }

    private sealed class PartyWatch(OrderEventFeed feed, Guid userId, Action<Guid?> joined) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unwatch(userId, joined);
            }
        }
    }
}
