using GrainMarket.Runtime;
using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Cluster.Tests;

/// <summary>Real silo processes on the test PostgreSQL, in a cluster of their own, and a cluster client in the test process.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(500);
    /// <summary>
    /// The production default. With 4 s, silos that had just become active were twice declared dead on a loaded 2-core
    /// CI machine (three silos starting at once stalled their heartbeats); detection still stays within 10 s.
    /// </summary>
    public static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(6);

    private readonly IHost _clientHost;
    private readonly string _logFolder;

    private TestCluster(string clusterId, IHost clientHost)
    {
        ClusterId = clusterId;
        _clientHost = clientHost;
        _logFolder = Path.Combine(RepositoryRoot.Path, ".grainmarket", "test-logs", clusterId);
    }

    public string ClusterId { get; }

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds (at most 60 times, 500 ms apart): calls right after a crash may
    /// meet a grain that is moving, or locks the dead silo held until their lease runs out.
    /// </summary>
    public static async Task<T> RetryAfterCrashAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 60)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public List<SiloProcess> Silos { get; } = [];

    public IClusterClient Client => _clientHost.Services.GetRequiredService<IClusterClient>();

    public static async Task<TestCluster> StartAsync(int silos, CancellationToken cancellationToken)
    {
        var connectionString = TestDatabase.ConnectionString;
        var clusterId = $"test-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddGrainClusterClient(connectionString, options =>
        {
            options.ClusterId = clusterId;
            options.HeartbeatPeriod = Heartbeat;
            options.MaxCallRetries = 12;
        });
        var cluster = new TestCluster(clusterId, builder.Build());
        for (var i = 0; i < silos; i++)
        {
            cluster.StartSilo($"silo-{i}");
        }

        await cluster._clientHost.StartAsync(cancellationToken);
        await cluster.Client.ConnectAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await cluster.WaitForActiveSilosAsync(silos, TimeSpan.FromSeconds(60), cancellationToken);

        // The client's view is complete; each silo's own view catches up at its next refresh. Until then a silo that has
        // not yet seen the last one join places that silo's grains on itself (a duplicate activation that PostgreSQL
        // keeps from writing), which tests that pin grains to silos must not meet.
        await Task.Delay(Heartbeat * 3, cancellationToken);
        return cluster;
    }

    public SiloProcess StartSilo(string name)
    {
        var silo = SiloProcess.Start(name, new Dictionary<string, string>
        {
            ["GRAINMARKET_DB"] = TestDatabase.ConnectionString,
            ["GRAINMARKET_CLUSTER_ID"] = ClusterId,
            ["GRAINMARKET_SILO_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GRAINMARKET_GRAIN_ASSEMBLIES"] = RepositoryRoot.TestGrainsAssembly,
            ["GRAINMARKET_HEARTBEAT_SECONDS"] = Heartbeat.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GRAINMARKET_DEATH_SECONDS"] = DeathTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Information",
        }, _logFolder);
        Silos.Add(silo);
        return silo;
    }

    /// <summary>A fresh key of <paramref name="grainType"/> that placement puts on <paramref name="silo"/> (nothing is activated).</summary>
    public string KeyOwnedBy(string grainType, SiloProcess silo)
    {
        string Key(Guid id) => $"{grainType}-{id:N}";
        return Key(GuidOwnedBy(grainType, silo, Key));
    }

    /// <summary>A new id whose grain (keyed by <paramref name="key"/> of the id) <paramref name="silo"/> hosts.</summary>
    public Guid GuidOwnedBy(string grainType, SiloProcess silo, Func<Guid, string> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        while (true)
        {
            var id = Guid.NewGuid();
            if (Client.Membership.OwnerOf(new GrainId(grainType, key(id)))?.Name == silo.Name)
            {
                return id;
            }
        }
    }

    /// <summary>Waits until the client's view shows exactly <paramref name="count"/> active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (Client.Membership.ActiveSilos.Count != count)
        {
            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Expected {count} active silos within {timeout.TotalSeconds} s but see {Client.Membership.ActiveSilos.Count}; logs in {_logFolder}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
        await _clientHost.StopAsync(CancellationToken.None);
        _clientHost.Dispose();
    }
}
