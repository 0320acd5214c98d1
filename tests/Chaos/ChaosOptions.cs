using System.Globalization;

namespace GrainMarket.Chaos;

/// <summary>
/// <c>--seconds</c> of workload (default 120), <c>--silos</c> (default 3), <c>--gateways</c> standalone gateways the
/// clients use (default 2; 0: the silos' co-hosted ones), <c>--seed</c> of the fault schedule, <c>--kills</c> faults to
/// inject (default 4); <c>--workers</c> concurrent clients of the workload (default 12); <c>--rolling 1</c> replaces the faults by a rolling restart: each silo in turn stopped with
/// SIGTERM and started again, the next one once it has rejoined; <c>--own-database 1</c> runs in a fresh database
/// created on <c>GRAINMARKET_DB</c>'s server and dropped afterwards (how <c>./grainmarket test</c> runs it beside the
/// other tests).
/// </summary>
internal sealed record ChaosOptions(int Seconds, int Silos, int Gateways, int Seed, int Faults, bool OwnDatabase = false, bool Rolling = false, int Workers = 12)
{
    public static ChaosOptions Parse(string[] args)
    {
        var options = new ChaosOptions(120, 3, 2, Environment.TickCount & 0xFFFF, 4);
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = value },
                "--silos" => options with { Silos = value },
                "--gateways" => options with { Gateways = value },
                "--seed" => options with { Seed = value },
                "--kills" => options with { Faults = value },
                "--own-database" => options with { OwnDatabase = value != 0 },
                "--rolling" => options with { Rolling = value != 0 },
                "--workers" => options with { Workers = value },
                _ => throw new ArgumentException($"unknown option {args[i]} (use --seconds, --silos, --gateways, --seed, --kills, --rolling, --workers, --own-database)"),
            };
        }

        return options.Silos < 2 ? throw new ArgumentException("--silos must be at least 2: one silo at a time is faulted")
            : options.Gateways is 1 ? throw new ArgumentException("--gateways must be 0 or at least 2: one gateway at a time is restarted")
            : options;
    }
}
