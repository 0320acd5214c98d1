namespace GrainMarket.Runtime.Statistics;

/// <summary>
/// A lock-free latency histogram with four buckets per power of two of microseconds (±19% resolution), enough
/// for p50/p99 on a dashboard at a few nanoseconds per record.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 4;
    private const int BucketCount = 40 * SubBuckets;
    private readonly long[] _counts = new long[BucketCount];

    public void Record(TimeSpan elapsed)
    {
        var micros = (long)elapsed.TotalMicroseconds;
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
    }

    /// <summary>The upper bound of the bucket holding the given percentile (0–100), or zero when nothing was recorded.</summary>
    public TimeSpan Percentile(double percentile)
    {
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(UpperBound(i));
            }
        }

        return TimeSpan.FromMicroseconds(UpperBound(BucketCount - 1));
    }

    internal static int BucketOf(long micros)
    {
        if (micros < SubBuckets)
        {
            return (int)Math.Max(micros, 0);
        }

        var power = 63 - (int)long.LeadingZeroCount(micros);
        var fraction = (int)((micros >> (power - 2)) & (SubBuckets - 1));
        return Math.Min((power - 1) * SubBuckets + fraction, BucketCount - 1);
    }

    internal static double UpperBound(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return bucket + 1;
        }

        var power = bucket / SubBuckets + 1;
        var fraction = bucket % SubBuckets;
        return (1L << power) + ((fraction + 1) * (1L << (power - 2)));
    }
}
