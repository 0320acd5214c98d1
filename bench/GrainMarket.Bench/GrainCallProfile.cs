using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace GrainMarket.Bench;

/// <summary>
/// An incoming grain call filter (Orleans' extension point) that counts the calls each grain type's methods receive,
/// the ones that threw, and how long each took, for benchmarks that explain where time goes. Transactions' own calls
/// on a participant (prepare, commit, …) come through it too, under the grain's type.
/// </summary>
internal sealed class GrainCallProfile : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, MethodCalls> _methods = new(StringComparer.Ordinal);

    /// <summary>Adds the filter to the silo; resolve it as <see cref="GrainCallProfile"/>.</summary>
    public static void AddTo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<GrainCallProfile>();
        silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallProfile>());
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var calls = _methods.GetOrAdd($"{context.TargetId.Type}.{context.MethodName}", static _ => new MethodCalls());
        try
        {
            await context.Invoke();
        }
        catch
        {
            Interlocked.Increment(ref calls.Errors);
            throw;
        }
        finally
        {
            calls.Ticks.Enqueue(Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>Forgets the calls recorded so far (say, those of a warm-up).</summary>
    public void Reset() => _methods.Clear();

    /// <summary>Per "grain type.method" of <paramref name="grainTypes"/>, since the last reset: calls, errors, p50 and p99 in milliseconds.</summary>
    public IEnumerable<(string Method, long Calls, long Errors, double P50Ms, double P99Ms)> Snapshot(params string[] grainTypes) =>
        _methods
            .Where(m => grainTypes.Any(type => m.Key.StartsWith(type + ".", StringComparison.Ordinal)))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m =>
            {
                var sorted = m.Value.Ticks.Order().ToArray();
                return (m.Key, (long)sorted.Length, Interlocked.Read(ref m.Value.Errors), Throughput.Percentile(sorted, 50), Throughput.Percentile(sorted, 99));
            });

    private sealed class MethodCalls
    {
        public readonly ConcurrentQueue<long> Ticks = new();
        public long Errors;
    }
}
