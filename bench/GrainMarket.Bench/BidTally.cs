using System.Collections.Concurrent;
using System.Diagnostics;

namespace GrainMarket.Bench;

/// <summary>
/// What the bidders of one phase did: bids accepted, bids lost to a higher bid that got in first, turns passed because
/// the bidder already led, and anything else as a failure (the first few kept for the report); with the latency of
/// each bid call. Each bidder records into its own lists, so no lock is taken.
/// </summary>
internal sealed class BidTally(int bidders)
{
    private const int KeptFailures = 5;

    private readonly List<long>[] _accepted = [.. Enumerable.Range(0, bidders).Select(_ => new List<long>())];
    private readonly List<long>[] _lost = [.. Enumerable.Range(0, bidders).Select(_ => new List<long>())];
    private readonly ConcurrentQueue<string> _failures = new();
    private long _failed;
    private long _passed;

    public long Accepted => _accepted.Sum(l => l.Count);

    public long Lost => _lost.Sum(l => l.Count);

    public long Failed => Interlocked.Read(ref _failed);

    public long Passed => Interlocked.Read(ref _passed);

    public IEnumerable<string> FirstFailures => _failures;

    public void Accept(int bidder, long startedTimestamp) => _accepted[bidder].Add(Stopwatch.GetTimestamp() - startedTimestamp);

    public void Lose(int bidder, long startedTimestamp) => _lost[bidder].Add(Stopwatch.GetTimestamp() - startedTimestamp);

    public void Pass() => Interlocked.Increment(ref _passed);

    public void Fail(string what)
    {
        if (Interlocked.Increment(ref _failed) <= KeptFailures)
        {
            _failures.Enqueue(what);
        }
    }

    /// <summary>Accepted bids per second over <paramref name="elapsed"/>, and the latency percentiles of every bid call (accepted or lost).</summary>
    public Measurement Measure(TimeSpan elapsed)
    {
        var all = _accepted.Concat(_lost).SelectMany(l => l).Order().ToArray();
        return new Measurement(Accepted / elapsed.TotalSeconds, Throughput.Percentile(all, 50), Throughput.Percentile(all, 99));
    }

    /// <summary>The p50 and p99 of the accepted bids' calls alone, in milliseconds.</summary>
    public (double P50Ms, double P99Ms) AcceptedLatency() => Percentiles(_accepted);

    /// <summary>The p50 and p99 of the lost bids' calls alone, in milliseconds.</summary>
    public (double P50Ms, double P99Ms) LostLatency() => Percentiles(_lost);

    private static (double P50Ms, double P99Ms) Percentiles(List<long>[] latencies)
    {
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        return (Throughput.Percentile(sorted, 50), Throughput.Percentile(sorted, 99));
    }
}
