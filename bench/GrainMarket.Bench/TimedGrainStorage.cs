using System.Collections.Concurrent;
using System.Diagnostics;
using GrainMarket.Runtime;
using GrainMarket.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Bench;

/// <summary>
/// The silo's grain storage with a stopwatch around every write, per state name: how many durable writes a grain made
/// and how long each took (its database round trips, projections included), for benchmarks that explain where time goes.
/// </summary>
internal sealed class TimedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _writes = new(StringComparer.Ordinal);

    /// <summary>Wraps the default storage registered so far; call after the runtime's storage is chosen.</summary>
    public static void Decorate(IServiceCollection services, Action<TimedGrainStorage> created)
    {
        var original = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, GrainStorageNames.Default));
        var factory = original.KeyedImplementationFactory ?? throw new InvalidOperationException("The default grain storage is not registered through a factory.");
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, key) =>
        {
            var timed = new TimedGrainStorage((IGrainStorage)factory(sp, key));
            created(timed);
            return timed;
        });
    }

    public Task<StoredState<T>> ReadAsync<T>(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        inner.ReadAsync<T>(grainId, stateName, cancellationToken);

    public async Task<string> WriteAsync<T>(GrainId grainId, string stateName, T state, string? etag, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var version = await inner.WriteAsync(grainId, stateName, state, etag, cancellationToken);
        _writes.GetOrAdd(stateName, static _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp() - started);
        return version;
    }

    public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken) =>
        inner.ClearAsync(grainId, stateName, etag, cancellationToken);

    /// <summary>Forgets the writes recorded so far (say, those of a warm-up).</summary>
    public void Reset() => _writes.Clear();

    /// <summary>The writes of <paramref name="stateName"/> since the last reset: how many, and their p50 and p99 in milliseconds.</summary>
    public (long Count, double P50Ms, double P99Ms) Writes(string stateName)
    {
        var sorted = _writes.TryGetValue(stateName, out var writes) ? writes.Order().ToArray() : [];
        return (sorted.Length, Throughput.Percentile(sorted, 50), Throughput.Percentile(sorted, 99));
    }
}
