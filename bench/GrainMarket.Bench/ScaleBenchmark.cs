using System.Globalization;
using GrainMarket.Wallets;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>
/// How checkout scales with concurrent clients, and what an idle grain costs. For 1, 4, 16, 64 and 256 clients, each a
/// buyer of its own, the checkout benchmark's 3-line orders through the order grain and as row-lock Npgsql transactions
/// (the curve shows where each side saturates); then 100,000 wallet grains activated with their state loaded, and the
/// managed heap they added, per activation.
/// </summary>
internal static class ScaleBenchmark
{
    private static readonly int[] Clients = [1, 4, 16, 64, 256];

    private const int IdleActivations = 100_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("scale");
        var prices = CheckoutBenchmark.Prices();
        var most = Clients.Max();
        Console.WriteLine($"checkout of 3-line orders by {string.Join(", ", Clients)} concurrent clients; each level: a warm-up until throughput settles, then {options.PhaseDuration.TotalSeconds:F0} s measured");

        var grain = new Dictionary<int, Measurement>();
        long oversold;
        long bytesPerActivation;
        await using (var silo = await BenchSilo.StartAsync(connectionString))
        {
            var shop = await CheckoutBenchmark.GrainShop.OpenAsync(silo.GrainFactory, prices, most);
            await MeasureLevelsAsync("order grain", grain, options, shop.Caller);
            oversold = await shop.OversoldAsync(connectionString);
            bytesPerActivation = await BytesPerIdleWalletAsync(silo.GrainFactory);
            await BytesPerIdlePlainGrainAsync(silo.GrainFactory);
        }

        var rowLock = new Dictionary<int, Measurement>();

        // A connection per client as in the checkout benchmark, within the server's max_connections (300).
        await using (var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = most + 8 }.ConnectionString))
        {
            var rows = await CheckoutBenchmark.RowShop.OpenAsync(dataSource, prices, most);
            await MeasureLevelsAsync("row-lock Npgsql", rowLock, options, rows.Caller);
            oversold += await rows.OversoldAsync(connectionString);
        }

        Console.WriteLine($"{"clients",8} {"grain orders/s",15} {"p50 ms",8} {"p99 ms",8} {"row-lock orders/s",18} {"p50 ms",8} {"p99 ms",8} {"ratio",7}");
        foreach (var clients in Clients)
        {
            var (g, r) = (grain[clients], rowLock[clients]);
            Console.WriteLine(Line($"{clients,8} {g.PerSecond,15:N0} {g.P50Ms,8:F1} {g.P99Ms,8:F1} {r.PerSecond,18:N0} {r.P50Ms,8:F1} {r.P99Ms,8:F1} {g.PerSecond / r.PerSecond,7:F2}"));
        }

        Console.WriteLine($"oversold (both sides, every level): {oversold}");
        var (top, topRow) = (grain[most], rowLock[most]);
        Console.WriteLine(Line(
            $"scale: grain {most} clients {top.PerSecond:F0} orders/s; row-lock {most} clients {topRow.PerSecond:F0} orders/s; ratio {top.PerSecond / topRow.PerSecond:F2}; bytes per idle activation {bytesPerActivation}"));
    }

    /// <summary>
    /// Every level in turn on one side. The first level measured warms the process up in full (the JIT recompiles hot
    /// code for many seconds); the later ones only until their own throughput settles.
    /// </summary>
    private static async Task MeasureLevelsAsync(string side, Dictionary<int, Measurement> results, BenchOptions options, Func<int, Func<Task>> caller)
    {
        var later = options with { Warmup = TimeSpan.FromSeconds(3) };
        foreach (var clients in Clients.OrderByDescending(c => c == 64))
        {
            var measured = await Throughput.MeasureWithLatencyAsync(clients, results.Count == 0 ? options : later, caller);
            results[clients] = measured;
            Console.WriteLine(Line($"  {side}, {clients} clients: {measured.PerSecond:N0} orders/s, p50 {measured.P50Ms:F1} ms, p99 {measured.P99Ms:F1} ms"));
        }
    }

    /// <summary>
    /// Activates <see cref="IdleActivations"/> wallet grains of new users, each with its transactional state loaded (a
    /// balance read), and returns the managed heap they added per activation.
    /// </summary>
    private static Task<long> BytesPerIdleWalletAsync(IGrainFactory grains) =>
        BytesPerActivationAsync("idle wallet grains (state loaded)", _ => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(Guid.NewGuid())).GetBalanceAsync());

    /// <summary>For comparison, what Orleans itself costs per activation: grains with one integer field and no state, one call each.</summary>
    private static Task<long> BytesPerIdlePlainGrainAsync(IGrainFactory grains)
    {
        var first = Random.Shared.NextInt64(1L << 40, 1L << 50);
        return BytesPerActivationAsync("idle plain grains (no state, for comparison)", i => grains.GetGrain<IPingGrain>(first + i).PingAsync(1));
    }

    /// <summary>
    /// Runs <paramref name="activate"/> for <see cref="IdleActivations"/> new grains, 256 at a time, and returns the managed
    /// heap they added per activation, measured after full collections. Only the silo keeps the activations: the
    /// references made to reach them are collected before the heap is measured.
    /// </summary>
    private static async Task<long> BytesPerActivationAsync(string what, Func<int, Task> activate)
    {
        var before = SettledHeap();
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, IdleActivations).Chunk(256))
        {
            await Task.WhenAll(chunk.Select(activate));
        }

        var activated = started.Elapsed;
        var after = SettledHeap();
        var perActivation = (after - before) / IdleActivations;
        Console.WriteLine(Line($"{what}: {IdleActivations:N0} activated in {activated.TotalSeconds:F1} s; managed heap {before / 1_048_576.0:F0} MB → {after / 1_048_576.0:F0} MB, {perActivation:N0} bytes per activation"));
        return perActivation;
    }

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
