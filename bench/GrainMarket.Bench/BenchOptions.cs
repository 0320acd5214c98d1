using System.Globalization;

namespace GrainMarket.Bench;

/// <summary>Options shared by benchmarks: how long each measured phase runs.</summary>
internal sealed record BenchOptions(TimeSpan PhaseDuration, TimeSpan Warmup)
{
    public static BenchOptions Parse(string[] args)
    {
        var seconds = 5.0;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--seconds")
            {
                seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return new BenchOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Min(2, seconds / 2)));
    }
}
