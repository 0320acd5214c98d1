using System.Diagnostics;
using System.Globalization;
using GrainMarket.Cluster.Tests;
using GrainMarket.Cluster.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace GrainMarket.Bench;

/// <summary>
/// Two real silo processes (src/Silo, AdoNet clustering on the bench database) and an Orleans client in this process
/// that finds their gateways in the membership table: calls that cross processes (client → gateway silo, and on to the
/// other silo when the grain lives there), the same kind of call inside one in-process silo as the baseline, and the
/// time from SIGKILL of a silo to the first successful call to one of its grains.
/// </summary>
internal static class ClusterBenchmark
{
    private const int Callers = 64;
    private const int Grains = 2_000;

    /// <summary>Orleans' <c>SiloStatus.Active</c> in the membership table.</summary>
    private const int ActiveStatus = 3;

    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FailoverTry = TimeSpan.FromMilliseconds(500);

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("cluster");

        // Before the silos (which would apply them too), so that the membership table exists for the wait below.
        await BenchDatabase.MigrateAsync(connectionString);
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var logs = Path.Combine(RepositoryRoot.Path, ".grainmarket", "bench-logs", clusterId);
        var environment = new Dictionary<string, string>
        {
            ["GRAINMARKET_DB"] = connectionString,
            ["GRAINMARKET_CLUSTER_ID"] = clusterId,
            ["GRAINMARKET_GRAIN_ASSEMBLIES"] = RepositoryRoot.TestGrainsAssembly,
            ["GRAINMARKET_HEARTBEAT_SECONDS"] = Heartbeat.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["GRAINMARKET_DEATH_SECONDS"] = "4",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // Both ports given: free ports from the OS are too high for the derived gateway port (silo port + 20000).
        var silos = Enumerable.Range(0, 2).Select(i => SiloProcess.Start($"silo-{i}", new Dictionary<string, string>(environment)
        {
            ["GRAINMARKET_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GRAINMARKET_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        }, logs)).ToList();
        IHost? clientHost = null;
        try
        {
            await WaitForActiveSilosAsync(connectionString, clusterId, silos, logs);
            clientHost = BuildClient(connectionString, clusterId);
            await clientHost.StartAsync();
            var client = clientHost.Services.GetRequiredService<IClusterClient>();

            var keys = Enumerable.Range(0, Grains).Select(i => $"bench-{i}").ToArray();
            var placed = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var chunk in keys.Chunk(Callers))
            {
                foreach (var silo in await Task.WhenAll(chunk.Select(k => client.GetGrain<ILedgerGrain>(k).WhereAsync())))
                {
                    placed[silo] = placed.GetValueOrDefault(silo) + 1;
                }
            }

            Console.WriteLine($"grains per silo: {string.Join(", ", placed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"))}");
            var crossSilo = await Throughput.MeasureWithLatencyAsync(Callers, options, caller =>
            {
                var random = new Random(caller);
                return () => client.GetGrain<ILedgerGrain>(keys[random.Next(keys.Length)]).GetAsync();
            });

            var local = await MeasureLocalAsync(options);
            var failover = await MeasureFailoverAsync(client, silos);

            Console.WriteLine($"{"case",-48} {"result",14}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"cross-process calls (Orleans client → 2 silos)",-48} {crossSilo.PerSecond,10:N0} /s  p50 {crossSilo.P50Ms:F2} ms  p99 {crossSilo.P99Ms:F2} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"local calls (inside one silo, 10,000 grains)",-48} {local,10:N0} /s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"failover (SIGKILL → first successful call)",-48} {failover.Elapsed.TotalSeconds,10:F1} s  ({failover.Victim} killed; failed tries, 0.5 s each at most: {failover.Tries})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster: cross-silo {crossSilo.PerSecond:F0} calls/s p99 {crossSilo.P99Ms:F1} ms; local {local:F0} calls/s; failover {failover.Elapsed.TotalSeconds:F1} s"));
        }
        finally
        {
            if (clientHost is not null)
            {
                await ClusterClientHost.StopAsync(clientHost);
            }

            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    // As the standalone gateway's client (src/ApiGateway ClusterClientExtensions): the membership table re-read at the
    // silos' heartbeat pace, so the killed silo's gateway leaves the list quickly, and calls that get no answer fail
    // after 10 s instead of Orleans' 30 s.
    private static IHost BuildClient(string connectionString, string clusterId) =>
        ClusterClientHost.Build(connectionString, clusterId, Heartbeat, client => client.Configure<ClientMessagingOptions>(options =>
        {
            options.ResponseTimeout = TimeSpan.FromSeconds(10);
            options.CancelRequestOnTimeout = false;
        }));

    /// <summary>Waits until Orleans' membership table lists both silos of <paramref name="clusterId"/> as active.</summary>
    private static async Task WaitForActiveSilosAsync(string connectionString, string clusterId, List<SiloProcess> silos, string logs)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ActiveStatus });
            var active = (long)(await command.ExecuteScalarAsync())!;
            if (active == silos.Count)
            {
                return;
            }

            if (waited.Elapsed > StartLimit || silos.Any(s => s.HasExited))
            {
                throw new InvalidOperationException(
                    $"{active} of {silos.Count} silos active after {waited.Elapsed.TotalSeconds:F0} s{(silos.Any(s => s.HasExited) ? " (a silo process exited)" : "")}; logs in {logs}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<double> MeasureLocalAsync(BenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync();
        var grains = Enumerable.Range(0, 10_000).Select(i => silo.GrainFactory.GetGrain<IPingGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.PingAsync(0)));
        return await Throughput.MeasureAsync(Callers, options, caller =>
        {
            var random = new Random(caller);
            return () => grains[random.Next(grains.Length)].PingAsync(1);
        });
    }

    /// <summary>
    /// Kills the silo that hosts a new grain (Orleans places it; the bench does not choose) and times the first
    /// successful call to that grain, whose state must survive. Each try is given <see cref="FailoverTry"/>: a call the
    /// client sent to the dead silo's gateway would otherwise only end at the client's response timeout, and that is the
    /// client's wait, not the cluster's recovery. Returns the time and the failed tries by exception type.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, string Victim, string Tries)> MeasureFailoverAsync(IClusterClient client, IReadOnlyList<SiloProcess> silos)
    {
        var ledger = client.GetGrain<ILedgerGrain>($"failover-{Guid.NewGuid():N}");
        var host = await ledger.WhereAsync();
        var victim = silos.SingleOrDefault(s => s.Name == host)
            ?? throw new InvalidOperationException($"The failover grain is on '{host}', none of {string.Join(", ", silos.Select(s => s.Name))}.");

        await ledger.AddAsync("before", 1);
        var failed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var killed = Stopwatch.StartNew();
        victim.Kill();
        LedgerSnapshot snapshot;
        while (true)
        {
            try
            {
                snapshot = await ledger.GetAsync().WaitAsync(FailoverTry);
                break;
            }
            catch (Exception exception) when (killed.Elapsed < FailoverLimit)
            {
                // Refused, unreachable or not answered while the cluster finds out: the next try may reach the new activation.
                failed[exception.GetType().Name] = failed.GetValueOrDefault(exception.GetType().Name) + 1;
                await Task.Delay(20);
            }
        }

        var elapsed = killed.Elapsed;
        if (snapshot.Total != 1)
        {
            throw new InvalidOperationException($"The failed-over grain's total is {snapshot.Total}, not the 1 it stored before the kill.");
        }

        return (elapsed, victim.Name, failed.Count == 0 ? "none" : string.Join(", ", failed.Select(f => $"{f.Value} {f.Key}")));
    }
}
