using System.Globalization;

namespace GrainMarket.Bench;

/// <summary>
/// Options shared by benchmarks: how long each measured phase runs (<c>--seconds</c>, default 5), and the shortest
/// warm-up before it (<c>--warmup</c>, default 20 s; it goes on until throughput has settled, at most 40 s: see
/// <see cref="Throughput.WarmUpAsync"/>).
/// </summary>
internal sealed record BenchOptions(TimeSpan PhaseDuration, TimeSpan Warmup)
{
    public TimeSpan MaxWarmup => Warmup + TimeSpan.FromSeconds(20);

    public static BenchOptions Parse(string[] args)
    {
        var (seconds, warmup) = (5.0, 20.0);
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
            }
        }

        return new BenchOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup));
    }
}
