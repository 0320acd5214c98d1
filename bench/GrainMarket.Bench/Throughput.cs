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

    /// <summary>The warm-up, then <paramref name="measuring"/> (say, a profile's reset), then the measured phase.</summary>
    public static async Task<Measurement> MeasureWithLatencyAsync(int callers, BenchOptions options, Func<int, Func<Task>> createCaller, bool recordLatency = true, Action? measuring = null)
    {
        await WarmUpAsync(callers, options, createCaller);
        measuring?.Invoke();
        return await RunAsync(callers, options.PhaseDuration, createCaller, recordLatency);
    }

    /// <summary>
    /// Runs the callers until throughput has settled: at least <see cref="BenchOptions.Warmup"/>, then until the last
    /// three one-second windows complete within 5% as many operations as the three before them (or until
    /// <see cref="BenchOptions.MaxWarmup"/>). A process's hot paths are compiled again, optimised with what they were
    /// seen doing (tiered JIT with dynamic PGO), in steps and for many seconds: the cluster's cross-process calls went
    /// 6,300 → 12,900 (9 s) → 34,000 per second (17 s) and stayed there, so the fixed two-second warm-up there was
    /// measured a third of the steady rate (without tiering they stay at 19,000 from the first second).
    /// </summary>
    public static async Task WarmUpAsync(int callers, BenchOptions options, Func<int, Func<Task>> createCaller)
    {
        long completed = 0;
        var elapsed = await RunUntilAsync(
            callers,
            i =>
            {
                var operation = createCaller(i);
                return async () =>
                {
                    await operation();
                    Interlocked.Increment(ref completed);
                };
            },
            async () =>
            {
                var started = Stopwatch.StartNew();
                var windows = new List<long>();
                long before = 0;
                while (started.Elapsed < options.MaxWarmup)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    var now = Interlocked.Read(ref completed);
                    windows.Add(now - before);
                    before = now;
                    if (started.Elapsed >= options.Warmup && windows.Count >= 6)
                    {
                        var (previous, last) = (windows[^6..^3].Sum(), windows[^3..].Sum());
                        if (previous > 0 && Math.Abs(last - previous) <= previous / 20)
                        {
                            return;
                        }
                    }
                }
            });
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  warm-up: {elapsed.TotalSeconds:F0} s until throughput settled"));
    }

    /// <summary>
    /// Runs <paramref name="callers"/> loops of their operation until <paramref name="duration"/> has passed, and returns
    /// the time until the last of them stopped (operations in flight at the deadline finish and count).
    /// </summary>
    public static Task<TimeSpan> RunForAsync(int callers, TimeSpan duration, Func<int, Func<Task>> createCaller) =>
        RunUntilAsync(callers, createCaller, () => Task.Delay(duration));

    private static async Task<TimeSpan> RunUntilAsync(int callers, Func<int, Func<Task>> createCaller, Func<Task> until)
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

        await until();
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
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
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
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var operations = counts.Sum();
        return new Measurement(operations / elapsed.TotalSeconds, Percentile(all, 50), Percentile(all, 99), cpu.TotalMicroseconds / Math.Max(1, operations));
    }
}
