using System.Diagnostics;
using System.Globalization;
using GrainMarket.Auctions;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>
/// One live auction and 64 concurrent bidders, each with a funded wallet, each reading the current minimum next bid and
/// bidding exactly that, so most bids race and many lose: through the auction grain (the bidder's wallet grain holds
/// the bid, the auction decides in memory and group-commits) and, in the same run against the same server, as one
/// Npgsql transaction per bid under row locks (auction, bidder's wallet, previous leader's wallet). Bids per second
/// count accepted bids only; latency is that of every bid call. Afterwards each side's holds are checked to the unit.
/// </summary>
internal static class AuctionBenchmark
{
    public const int Bidders = 64;

    /// <summary>Each bidder's funds, 1,000,000,000.00: far more than the price reaches in minutes of bidding.</summary>
    public const long Funds = 100_000_000_000;

    public const long StartingPrice = 1_00;

    /// <summary>Both sides climb by the same table, the default one (eBay-like).</summary>
    public static IReadOnlyList<IncrementBand> Increments => BidIncrements.Default;

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("auction");
        Console.WriteLine(Line($"{Bidders} bidders on one auction, each funded {Funds / 100:N0}.00, each bidding the current minNextBid (the one its last bid-too-low named, else the one the auction shows); increments: the default (eBay-like) table on both sides; a bidder who leads waits 1 ms instead of bidding against itself; per side a warm-up until throughput settles ({options.Warmup.TotalSeconds:F0} to {options.MaxWarmup.TotalSeconds:F0} s), then {options.PhaseDuration.TotalSeconds:F0} s measured"));

        var grain = await GrainAuctionSide.RunAsync(connectionString, options);
        Report("auction grain", grain);
        var rowLock = await RowLockAuctionSide.RunAsync(BenchDatabase.BaselineConnectionString(connectionString, Bidders), options);
        Report("row-lock Npgsql", rowLock);

        Console.WriteLine($"{"case",-18} {"accepted/s",10} {"accepted",9} {"too low",9} {"failed",7} {"waits",8} {"p50 ms",7} {"p99 ms",7}  {"accepted p50/p99",17}  {"lost p50/p99",13}");
        Console.WriteLine(Row("auction grain", grain));
        Console.WriteLine(Row("row-lock Npgsql", rowLock));
        var conserved = grain.Conserved && rowLock.Conserved;
        var (g, r) = (grain.Rate, rowLock.Rate);
        Console.WriteLine(Line(
            $"auction: grain {g.PerSecond:F0} bids/s p50 {g.P50Ms:F1} ms p99 {g.P99Ms:F1} ms; row-lock {r.PerSecond:F0} bids/s p50 {r.P50Ms:F1} ms p99 {r.P99Ms:F1} ms; ratio {g.PerSecond / r.PerSecond:F2}; holds conserved {(conserved ? "yes" : "no")}"));
    }

    /// <summary>A printable check: "ok" when <paramref name="actual"/> is <paramref name="expected"/>, "MISMATCH" otherwise.</summary>
    public static string Check(string what, long actual, long expected) =>
        actual == expected ? Line($"ok: {what}: {actual:N0}") : Line($"MISMATCH: {what}: {actual:N0} (expected {expected:N0})");

    public static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The CPU time this process (bidders, and on the grain side the silo) has used so far.</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>How busy this process was in the measured phase, given its CPU time at the start of it.</summary>
    public static string CpuLine(TimeSpan cpuAtStart, TimeSpan elapsed, long accepted)
    {
        var cpu = ProcessCpu() - cpuAtStart;
        return Line($"this process: {cpu.TotalSeconds:F1} CPU-s in {elapsed.TotalSeconds:F1} s ({cpu / elapsed:F2} of {Environment.ProcessorCount} cores), {cpu.TotalMilliseconds / Math.Max(1, accepted):F1} CPU-ms per accepted bid");
    }

    private static void Report(string name, AuctionRun run)
    {
        Console.WriteLine(Line($"{name}: {run.AcceptedInRun:N0} accepted bids in the run, final price {run.FinalPrice / 100.0:N2}"));
        foreach (var line in run.Profile.Concat(run.Checks))
        {
            Console.WriteLine($"  {line}");
        }

        foreach (var failure in run.Measured.FirstFailures)
        {
            Console.WriteLine($"  failure: {failure}");
        }
    }

    private static string Row(string name, AuctionRun run)
    {
        var (m, t) = (run.Rate, run.Measured);
        var (accepted, lost) = (t.AcceptedLatency(), t.LostLatency());
        return Line($"{name,-18} {m.PerSecond,10:F0} {t.Accepted,9:N0} {t.Lost,9:N0} {t.Failed,7:N0} {t.Passed,8:N0} {m.P50Ms,7:F1} {m.P99Ms,7:F1}  {accepted.P50Ms,8:F1}/{accepted.P99Ms,-8:F1}  {lost.P50Ms,6:F1}/{lost.P99Ms,-6:F1}");
    }
}
