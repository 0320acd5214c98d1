using System.Diagnostics;

namespace GrainMarket.Bench;

/// <summary>
/// Runs N concurrent callers in a loop: a warm-up phase, then a measured phase. Returns operations per second and
/// the latency of each operation the measured phase completed.
/// </summary>
internal static class Throughput
{
    public static async Task<double> MeasureAsync(int callers, BenchOptions options, Func<int, Func<Task>> createCaller) =>
        (await MeasureWithLatencyAsync(callers, options, createCaller, recordLatency: false)).PerSecond;

    public static async Task<Measurement> MeasureWithLatencyAsync(int callers, BenchOptions options, Func<int, Func<Task>> createCaller, bool recordLatency = true)
    {
        await RunAsync(callers, options.Warmup, createCaller, recordLatency: false);
        return await RunAsync(callers, options.PhaseDuration, createCaller, recordLatency);
    }

    /// <summary>
    /// Runs <paramref name="callers"/> loops of their operation until <paramref name="duration"/> has passed, and returns
    /// the time until the last of them stopped (operations in flight at the deadline finish and count).
    /// </summary>
    public static async Task<TimeSpan> RunForAsync(int callers, TimeSpan duration, Func<int, Func<Task>> createCaller)
    {
        var stop = 0;
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var operation = createCaller(i);
            while (Volatile.Read(ref stop) == 0)
            {
                await operation();
            }
        })).ToArray();

        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);
        return stopwatch.Elapsed;
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100) of <paramref name="sortedTicks"/> (Stopwatch ticks, ascending), in milliseconds.</summary>
    public static double Percentile(long[] sortedTicks, double percentile) =>
        sortedTicks.Length == 0
            ? 0
            : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(sortedTicks.Length * percentile / 100) - 1)] * 1000.0 / Stopwatch.Frequency;

    private static async Task<Measurement> RunAsync(int callers, TimeSpan duration, Func<int, Func<Task>> createCaller, bool recordLatency)
    {
        var counts = new long[callers];
        var latencies = new List<long>[callers];
        var elapsed = await RunForAsync(callers, duration, i =>
        {
            var operation = createCaller(i);
            var own = latencies[i] = [];
            return async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                if (recordLatency)
                {
                    own.Add(Stopwatch.GetTimestamp() - started);
                }

                counts[i]++;
            };
        });
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(counts.Sum() / elapsed.TotalSeconds, Percentile(all, 50), Percentile(all, 99));
    }
}
