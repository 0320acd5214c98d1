namespace GrainMarket.Runtime.Statistics;

/// <summary>Calls, failures and latency of one grain method on this silo.</summary>
public sealed class MethodStatistics(string name)
{
    private long _calls;
    private long _errors;

    public string Name { get; } = name;

    public long Calls => Volatile.Read(ref _calls);

    public long Errors => Volatile.Read(ref _errors);

    public LatencyHistogram Latency { get; } = new();

    internal void Record(TimeSpan elapsed, bool failed)
    {
        Interlocked.Increment(ref _calls);
        if (failed)
        {
            Interlocked.Increment(ref _errors);
        }

        Latency.Record(elapsed);
    }
}
