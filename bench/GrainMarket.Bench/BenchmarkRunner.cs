namespace GrainMarket.Bench;

/// <summary>Picks a benchmark by name. Each prints a table and, as its last line, its summary with ratios.</summary>
internal static class BenchmarkRunner
{
    private static readonly Dictionary<string, Func<BenchOptions, Task>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["calls"] = CallsBenchmark.RunAsync,
        ["transactions"] = TransactionsBenchmark.RunAsync,
        ["cluster"] = ClusterBenchmark.RunAsync,
        ["checkout"] = CheckoutBenchmark.RunAsync,
        ["auction"] = AuctionBenchmark.RunAsync,
        ["scale"] = ScaleBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            await Console.Error.WriteLineAsync($"usage: bench NAME [--seconds N]; NAME is one of: {string.Join(", ", Benchmarks.Keys)}");
            return 2;
        }

        await benchmark(BenchOptions.Parse(args[1..]));
        return 0;
    }
}
