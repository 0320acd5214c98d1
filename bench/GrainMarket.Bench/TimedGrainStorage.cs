using System.Collections.Concurrent;
using System.Diagnostics;
using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;

namespace GrainMarket.Bench;

/// <summary>
/// GrainMarket's <see cref="PostgresGrainStorage"/> with a stopwatch around every write, per state name: how many
/// durable writes the grains made and how long each took (the wait for its group commit and the database round trip,
/// read models included), for benchmarks that explain where time goes.
/// </summary>
internal sealed class TimedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _writes = new(StringComparer.Ordinal);

    /// <summary>
    /// Puts itself in front of the <see cref="PostgresGrainStorage.ProviderName"/> provider: call after
    /// <c>AddPostgresStateStorage</c> (the last keyed registration wins). Resolve it as <see cref="TimedGrainStorage"/>.
    /// </summary>
    public static void Decorate(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(sp => new TimedGrainStorage(ActivatorUtilities.CreateInstance<PostgresGrainStorage>(sp)));
        silo.Services.AddKeyedSingleton<IGrainStorage>(PostgresGrainStorage.ProviderName, (sp, _) => sp.GetRequiredService<TimedGrainStorage>());
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.WriteStateAsync(stateName, grainId, grainState);
        _writes.GetOrAdd(stateName, static _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp() - started);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Forgets the writes recorded so far (say, those of a warm-up).</summary>
    public void Reset() => _writes.Clear();

    /// <summary>The writes of <paramref name="stateName"/> since the last reset: how many, and their p50 and p99 in milliseconds.</summary>
    public (long Count, double P50Ms, double P99Ms) Writes(string stateName)
    {
        var sorted = _writes.TryGetValue(stateName, out var writes) ? writes.Order().ToArray() : [];
        return (sorted.Length, Throughput.Percentile(sorted, 50), Throughput.Percentile(sorted, 99));
    }
}
