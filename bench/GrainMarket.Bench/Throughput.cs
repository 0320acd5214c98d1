using System.Diagnostics;

namespace GrainMarket.Bench;

/// <summary>Runs N concurrent callers in a loop: a warm-up phase, then a measured phase; returns operations per second.</summary>
internal static class Throughput
{
    public static async Task<double> MeasureAsync(int callers, BenchOptions options, Func<int, Func<Task>> createCaller)
    {
        await RunAsync(callers, options.Warmup, createCaller);
        var (operations, elapsed) = await RunAsync(callers, options.PhaseDuration, createCaller);
        return operations / elapsed.TotalSeconds;
    }

    private static async Task<(long Operations, TimeSpan Elapsed)> RunAsync(int callers, TimeSpan duration, Func<int, Func<Task>> createCaller)
    {
        var stop = 0;
        var counts = new long[callers];
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var operation = createCaller(i);
            long done = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                await operation();
                done++;
            }

            counts[i] = done;
        })).ToArray();

        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);
        stopwatch.Stop();
        return (counts.Sum(), stopwatch.Elapsed);
    }
}
