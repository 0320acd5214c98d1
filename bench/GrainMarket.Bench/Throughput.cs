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

    private static async Task<Measurement> RunAsync(int callers, TimeSpan duration, Func<int, Func<Task>> createCaller, bool recordLatency)
    {
        var stop = 0;
        var counts = new long[callers];
        var latencies = new List<long>[callers];
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var operation = createCaller(i);
            var own = latencies[i] = [];
            long done = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                if (recordLatency)
                {
                    own.Add(Stopwatch.GetTimestamp() - started);
                }

                done++;
            }

            counts[i] = done;
        })).ToArray();

        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);
        stopwatch.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(counts.Sum() / stopwatch.Elapsed.TotalSeconds, Percentile(all, 50), Percentile(all, 99));
    }

    private static double Percentile(long[] sortedTicks, double percentile) =>
        sortedTicks.Length == 0
            ? 0
            : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(sortedTicks.Length * percentile / 100) - 1)] * 1000.0 / Stopwatch.Frequency;
}
