using System.Diagnostics;
using System.Globalization;
using GrainMarket.Cluster.Tests;
using GrainMarket.Cluster.TestGrains;
using GrainMarket.Runtime;
using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Bench;

/// <summary>
/// Two real silo processes and a cluster client: calls that cross processes over HTTP/2, the same kind of call
/// inside one silo as the baseline, and the time from SIGKILL of a silo to the first successful call to one of its grains.
/// </summary>
internal static class ClusterBenchmark
{
    private const int Callers = 64;
    private const int Grains = 2_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("cluster");
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var logs = Path.Combine(RepositoryRoot.Path, ".grainmarket", "bench-logs", clusterId);
        var environment = new Dictionary<string, string>
        {
            ["GRAINMARKET_DB"] = connectionString,
            ["GRAINMARKET_CLUSTER_ID"] = clusterId,
            ["GRAINMARKET_GRAIN_ASSEMBLIES"] = RepositoryRoot.TestGrainsAssembly,
            ["GRAINMARKET_HEARTBEAT_SECONDS"] = "0.5",
            ["GRAINMARKET_DEATH_SECONDS"] = "4",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var silos = Enumerable.Range(0, 2).Select(i => SiloProcess.Start($"silo-{i}",
            new Dictionary<string, string>(environment) { ["GRAINMARKET_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture) }, logs)).ToList();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddGrainClusterClient(connectionString, o =>
        {
            o.ClusterId = clusterId;
            o.HeartbeatPeriod = TimeSpan.FromMilliseconds(500);
            o.MaxCallRetries = 12;
        });
        using var clientHost = builder.Build();
        await clientHost.StartAsync();
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        try
        {
            await client.ConnectAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            while (client.Membership.ActiveSilos.Count < 2)
            {
                await Task.Delay(100);
            }

            var keys = Enumerable.Range(0, Grains).Select(i => $"bench-{i}").ToArray();
            foreach (var chunk in keys.Chunk(Callers))
            {
                await Task.WhenAll(chunk.Select(k => client.GetGrain<ILedgerGrain>(k).GetAsync()));
            }
            var crossSilo = await Throughput.MeasureWithLatencyAsync(Callers, options, caller =>
            {
                var random = new Random(caller);
                return () => client.GetGrain<ILedgerGrain>(keys[random.Next(keys.Length)]).GetAsync();
            });

            var local = await MeasureLocalAsync(options);
            var failover = await MeasureFailoverAsync(client, silos[1]);

            Console.WriteLine($"{"case",-48} {"result",14}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"cross-process calls (client → 2 silos, HTTP/2)",-48} {crossSilo.PerSecond,10:N0} /s  p50 {crossSilo.P50Ms:F2} ms  p99 {crossSilo.P99Ms:F2} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"local calls (inside one silo, 10,000 grains)",-48} {local,10:N0} /s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"failover (SIGKILL → first successful call)",-48} {failover.TotalSeconds,10:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster: cross-silo {crossSilo.PerSecond:F0} calls/s p99 {crossSilo.P99Ms:F1} ms; local {local:F0} calls/s; failover {failover.TotalSeconds:F1} s"));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            await clientHost.StopAsync();
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

    /// <summary>Kills <paramref name="victim"/> and times the first successful call to a grain it hosted.</summary>
    private static async Task<TimeSpan> MeasureFailoverAsync(IClusterClient client, SiloProcess victim)
    {
        string key;
        do
        {
            key = $"failover-{Guid.NewGuid():N}";
        }
        while (client.Membership.OwnerOf(new GrainId("ledger", key))?.Name != victim.Name);

        await client.GetGrain<ILedgerGrain>(key).AddAsync("before", 1);
        var killed = Stopwatch.StartNew();
        victim.Kill();
        while (true)
        {
            try
            {
                await client.GetGrain<ILedgerGrain>(key).GetAsync();
                return killed.Elapsed;
            }
            catch (Exception exception) when (exception is SiloUnavailableException or HttpRequestException && killed.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }
        }
    }
}
