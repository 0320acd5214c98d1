using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.ApiGateway.Streaming;

namespace GrainMarket.ApiGateway.Caching;

/// <summary>
/// Listens on <see cref="CatalogCache.Channel"/> with the live streams' connection handling (<see cref="EventFeed"/>:
/// one dedicated connection, reconnect with back-off, a probe of a silent connection) and evicts the catalog cache on
/// each notification. The triggers send <c>&lt;zero uuid&gt;:0:&lt;table&gt;</c>, the feeds' payload shape, with the table
/// as the detail; there are no events to read and no subscribers. After a reconnect the cache is evicted too, since
/// notifications may have been missed meanwhile.
/// </summary>
public sealed class CatalogChangeFeed(ReadModelDatabase readModels, CatalogCache cache, ILogger<CatalogChangeFeed> logger) : EventFeed(readModels, logger)
{
    protected override string Channel => CatalogCache.Channel;

    /// <summary>Never run: nothing subscribes to this feed (the base class asks every kind of feed for its query).</summary>
    protected override string EventsSql => "SELECT 0::bigint, ''::text, '{}'::jsonb, now() WHERE false";

    protected override void OnDetail(Guid streamId, long sequence, ReadOnlySpan<char> detail) => Evict(detail.ToString());

    protected override void OnListening() => Evict("listening again");

    private void Evict(string reason)
    {
        var eviction = cache.EvictAsync(reason, CancellationToken.None);
        if (!eviction.IsCompletedSuccessfully)
        {
            _ = eviction.AsTask().ContinueWith(
                failed => logger.LogWarning(failed.Exception, "Could not evict the catalog output cache ({CatalogChange})", reason),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }
}
