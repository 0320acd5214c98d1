using System.Collections.Concurrent;
using GrainMarket.ApiGateway.ReadModels;
using Npgsql;

namespace GrainMarket.ApiGateway.Analytics;

/// <summary>
/// Counts product detail views (<c>GET /api/products/{id}</c>) per product and UTC day in memory, and adds them to
/// <c>product_views_daily</c> every <c>GRAINMARKET_VIEW_FLUSH_SECONDS</c> (default 5) with one statement, and once more
/// as the gateway stops: a view costs no database write of its own. Views counted since the last flush are lost if the
/// process dies; a flush the database refuses keeps its counts for the next one.
/// </summary>
public sealed class ProductViews(ReadModelDatabase readModels, TimeProvider time, IConfiguration configuration, ILogger<ProductViews> logger) : BackgroundService
{
    private static readonly string Upsert =
        """
        INSERT INTO product_views_daily AS v (product_id, day, views)
        SELECT * FROM unnest($1::uuid[], $2::date[], $3::bigint[])
        ON CONFLICT (product_id, day) DO UPDATE SET views = v.views + excluded.views
        """;

    private readonly ConcurrentDictionary<(Guid ProductId, DateOnly Day), long> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>How often the counts go to the database.</summary>
    public TimeSpan FlushInterval { get; } = TimeSpan.FromSeconds(configuration.GetValue<double?>("GRAINMARKET_VIEW_FLUSH_SECONDS") is { } seconds and > 0 ? seconds : 5);

    /// <summary>Counts one view of <paramref name="productId"/> today (UTC, by the gateway's clock).</summary>
    public void Count(Guid productId)
    {
        if (readModels.IsAvailable)
        {
            _pending.AddOrUpdate((productId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), 1, (_, views) => views + 1);
        }
    }

    /// <summary>Adds the views counted so far to the read model (one statement); those counted meanwhile wait for the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var taken = new List<((Guid ProductId, DateOnly Day) Key, long Views)>();
            foreach (var key in _pending.Keys)
            {
                if (_pending.TryRemove(key, out var views))
                {
                    taken.Add((key, views));
                }
            }

            if (taken.Count == 0)
            {
                return;
            }

            try
            {
                await using var command = readModels.DataSource.CreateCommand(Upsert);
                command.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => t.Key.ProductId).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => t.Key.Day).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => t.Views).ToArray() });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
            {
                foreach (var (key, views) in taken)
                {
                    _pending.AddOrUpdate(key, views, (_, counted) => counted + views);
                }

                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (NpgsqlException exception)
                {
                    logger.LogWarning(exception, "Adding {ProductCount} products' views failed; they wait for the next flush", _pending.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            logger.LogWarning(exception, "The last flush of {ProductCount} products' views failed; they are lost", _pending.Count);
        }
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }
}
