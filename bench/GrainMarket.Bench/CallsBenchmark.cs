using System.Globalization;

namespace GrainMarket.Bench;

/// <summary>
/// Orleans grain call throughput on one in-process silo, called from outside any grain (the silo's own client, no
/// network): calls spread over 10,000 grains, calls to one hot grain, and the same work on a plain object behind a
/// <see cref="SemaphoreSlim"/> as the baseline; plus memory per idle activation.
/// </summary>
internal static class CallsBenchmark
{
    private const int Callers = 64;
    private const int Grains = 10_000;
    private const int IdleActivations = 100_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var bytesPerActivation = await MeasureActivationMemoryAsync();

        await using var silo = await BenchSilo.StartAsync();
        var grains = Enumerable.Range(0, Grains).Select(i => silo.GrainFactory.GetGrain<IPingGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.PingAsync(0)));

        var manyGrains = await Throughput.MeasureAsync(Callers, options, caller =>
        {
            var random = new Random(caller);
            return () => grains[random.Next(Grains)].PingAsync(1);
        });

        var hot = grains[0];
        var hotGrain = await Throughput.MeasureAsync(Callers, options, _ => () => hot.PingAsync(1));

        using var guarded = new GuardedCounter();
        var baseline = await Throughput.MeasureAsync(Callers, options, _ => () => guarded.PingAsync(1));

        var ratio = baseline / hotGrain;
        Console.WriteLine($"{"case",-42} {"result",16}");
        Console.WriteLine($"{"many-grains (10,000 grains, 64 callers)",-42} {Format(manyGrains),12} /s");
        Console.WriteLine($"{"hot-grain (1 grain, 64 callers)",-42} {Format(hotGrain),12} /s");
        Console.WriteLine($"{"baseline (SemaphoreSlim, 64 callers)",-42} {Format(baseline),12} /s");
        Console.WriteLine($"{"memory per idle activation",-42} {bytesPerActivation,12:N0} B  (100,000 activations)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calls: many-grains {manyGrains:F0}/s, hot-grain {hotGrain:F0}/s, baseline {baseline:F0}/s, overhead-ratio {ratio:F2}"));
    }

    /// <summary>Managed heap growth per activation of a grain whose state is one int, over 100,000 activations.</summary>
    private static async Task<long> MeasureActivationMemoryAsync()
    {
        await using var silo = await BenchSilo.StartAsync();
        await silo.GrainFactory.GetGrain<IPingGrain>(-1).PingAsync(0);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var start = 0; start < IdleActivations; start += 1000)
        {
            await Task.WhenAll(Enumerable.Range(start, 1000).Select(i => silo.GrainFactory.GetGrain<IPingGrain>(1_000_000 + i).PingAsync(0)));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (after - before) / IdleActivations;
    }

    private static string Format(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
