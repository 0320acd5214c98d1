using System.Collections.Concurrent;

namespace GrainMarket.Runtime.Statistics;

/// <summary>Activations and per-method call statistics of one grain type on this silo.</summary>
public sealed class GrainTypeStatistics(string grainType)
{
    private readonly ConcurrentDictionary<string, MethodStatistics> _methods = new(StringComparer.Ordinal);
    private long _activations;
    private long _activationsCreated;

    public string GrainType { get; } = grainType;

    /// <summary>Activations alive now.</summary>
    public long Activations => Volatile.Read(ref _activations);

    /// <summary>Activations created since the silo started.</summary>
    public long ActivationsCreated => Volatile.Read(ref _activationsCreated);

    public IEnumerable<MethodStatistics> Methods => _methods.Values;

    public MethodStatistics ForMethod(string name) => _methods.GetOrAdd(name, static n => new MethodStatistics(n));

    internal void ActivationCreated()
    {
        Interlocked.Increment(ref _activations);
        Interlocked.Increment(ref _activationsCreated);
    }

    internal void ActivationRemoved() => Interlocked.Decrement(ref _activations);
}
