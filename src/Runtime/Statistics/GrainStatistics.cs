using System.Collections.Concurrent;

namespace GrainMarket.Runtime.Statistics;

/// <summary>The silo's built-in grain statistics, per grain type and method, for the operator dashboard.</summary>
public sealed class GrainStatistics
{
    private readonly ConcurrentDictionary<string, GrainTypeStatistics> _types = new(StringComparer.Ordinal);

    public IEnumerable<GrainTypeStatistics> GrainTypes => _types.Values;

    public GrainTypeStatistics ForGrainType(string grainType) => _types.GetOrAdd(grainType, static t => new GrainTypeStatistics(t));

    /// <summary>A point-in-time copy: per grain type, activations and per-method calls, errors and latency percentiles.</summary>
    public IReadOnlyList<GrainTypeSnapshot> Snapshot() =>
        [.. _types.Values
            .OrderBy(t => t.GrainType, StringComparer.Ordinal)
            .Select(t => new GrainTypeSnapshot(
                t.GrainType,
                t.Activations,
                t.ActivationsCreated,
                [.. t.Methods
                    .OrderBy(m => m.Name, StringComparer.Ordinal)
                    .Select(m => new MethodSnapshot(
                        m.Name,
                        m.Calls,
                        m.Errors,
                        m.Latency.Percentile(50).TotalMilliseconds,
                        m.Latency.Percentile(99).TotalMilliseconds))]))];
}
