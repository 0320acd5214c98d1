using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime.Placement;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// Real silo processes on the test PostgreSQL, in a cluster of their own (a fresh cluster id, in a schema of its own),
/// and an Orleans client in the test process that finds their gateways through Orleans' AdoNet membership table.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The production default. With 4 s, silos that had just become active were twice declared dead on a loaded 2-core
    /// CI machine (three silos starting at once stalled their heartbeats); detection still stays within 10 s.
    /// </summary>
    public static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _logFolder;
    private readonly TestSchema _schema;
    private IHost? _clientHost;

    private TestCluster(string clusterId, TestSchema schema)
    {
        ClusterId = clusterId;
        _schema = schema;
        _logFolder = Path.Combine(RepositoryRoot.Path, ".grainmarket", "test-logs", clusterId);
    }

    public string ClusterId { get; }

    /// <summary>The cluster's database (its own schema): Orleans' tables, grain state and the read models.</summary>
    public NpgsqlDataSource Database => _schema.DataSource;

    /// <summary>The connection string of the cluster's schema, for another Orleans client of the cluster.</summary>
    public string ConnectionString => _schema.ConnectionString;

    /// <summary>Where the cluster's processes write their logs.</summary>
    public string LogFolder => _logFolder;

    public List<SiloProcess> Silos { get; } = [];

    public IClusterClient Client => _clientHost?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The cluster's client has not started.");

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

    public static Task<TestCluster> StartAsync(int silos, CancellationToken cancellationToken) =>
        StartAsync(silos, _ => new Dictionary<string, string>(), _ => { }, cancellationToken);

    /// <summary>
    /// Starts <paramref name="silos"/> silos, each with the settings <paramref name="environment"/> gives for its name on
    /// top of the cluster's, and the cluster's client with <paramref name="configureClient"/> on top of transactions.
    /// </summary>
    public static async Task<TestCluster> StartAsync(
        int silos, Func<string, IReadOnlyDictionary<string, string>> environment, Action<IClientBuilder> configureClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configureClient);
        // Migrated before the silos start, so that the membership table exists when the first query below runs.
        var cluster = new TestCluster($"test-{Guid.NewGuid():N}", await TestDatabase.CreateSchemaAsync(cancellationToken));
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo($"silo-{i}", environment($"silo-{i}"));
            }

            await cluster.WaitForActiveSilosAsync(silos, StartTimeout, cancellationToken);

            // Active in membership is not started: each host still finishes its start (the HTTP listener, the rest of its
            // services) after Orleans has joined. Tests that stop a silo mean a started one; a stop during the start is
            // a test of its own (GracefulShutdownTests).
            await Task.WhenAll(cluster.Silos.Select(silo => cluster.WaitForReadyAsync(silo, StartTimeout, cancellationToken)));
            // The membership table is read often, so the client drops a dead gateway and finds a new one quickly.
            cluster._clientHost = ClusterClientHost.Build(cluster._schema.ConnectionString, cluster.ClusterId, Heartbeat * 2, client =>
            {
                client.UseTransactions();
                configureClient(client);
            });
            await cluster._clientHost.StartAsync(cancellationToken);

            // The table is complete; each silo's own view catches up by gossip or at its next refresh. Until then a silo
            // ignores a placement hint naming a silo it does not know yet, which tests that pin grains must not meet.
            await Task.Delay(Heartbeat * 3, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts silo <paramref name="name"/> of this cluster, with <paramref name="environment"/> on top of the cluster's settings.</summary>
    public SiloProcess StartSilo(string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["GRAINMARKET_DB"] = _schema.ConnectionString,
            ["GRAINMARKET_CLUSTER_ID"] = ClusterId,
            ["GRAINMARKET_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // Given rather than derived (silo port + 20000): the free ports the OS hands out are too high for that.
            ["GRAINMARKET_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GRAINMARKET_GRAIN_ASSEMBLIES"] = RepositoryRoot.TestGrainsAssembly,
            ["GRAINMARKET_HEARTBEAT_SECONDS"] = Heartbeat.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["GRAINMARKET_DEATH_SECONDS"] = DeathTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var silo = SiloProcess.Start(name, settings, _logFolder);
        Silos.Add(silo);
        return silo;
    }

    /// <summary>The rows of this cluster's silos in Orleans' membership table, the cluster's own record of who is alive.</summary>
    public async Task<IReadOnlyList<ClusterMember>> MembersAsync(CancellationToken cancellationToken)
    {
        await using var command = Database.CreateCommand(
            "SELECT SiloName, Address, Port, Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClusterId });
        var members = new List<ClusterMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = SiloAddress.New(IPAddress.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetInt32(3));
            members.Add(new ClusterMember(reader.GetString(0), address, (SiloStatus)reader.GetInt32(4)));
        }

        return members;
    }

    /// <summary>The status the membership table records for <paramref name="silo"/>'s process (its silo port is its own).</summary>
    public async Task<SiloStatus> StatusOfAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var members = await MembersAsync(cancellationToken);
        return members.SingleOrDefault(m => m.Address.Endpoint.Port == silo.SiloPort)?.Status
            ?? throw new InvalidOperationException($"{silo.Name} (silo port {silo.SiloPort}) has no row in the membership table of {ClusterId}: {string.Join(", ", members)}");
    }

    /// <summary>The address of <paramref name="silo"/>'s active incarnation.</summary>
    public async Task<SiloAddress> AddressOfAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var members = await MembersAsync(cancellationToken);
        return members.SingleOrDefault(m => m.Status == SiloStatus.Active && m.Address.Endpoint.Port == silo.SiloPort)?.Address
            ?? throw new InvalidOperationException($"{silo.Name} (silo port {silo.SiloPort}) is not an active member of {ClusterId}: {string.Join(", ", members)}");
    }

    /// <summary>
    /// Makes <paramref name="activate"/> (the grain's first call) with a placement hint naming <paramref name="silo"/>,
    /// which every Orleans placement director follows, and checks that the grain was activated there. The hint goes on
    /// with every call the grain makes meanwhile, so <paramref name="activate"/> should be a call that reaches no other grain.
    /// </summary>
    public async Task PlaceOnAsync<TGrain>(SiloProcess silo, TGrain grain, Func<TGrain, Task> activate, CancellationToken cancellationToken)
        where TGrain : IAddressable
    {
        ArgumentNullException.ThrowIfNull(activate);
        var address = await AddressOfAsync(silo, cancellationToken);
        await WithPlacementHintAsync(address, () => activate(grain));
        var host = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain, cancellationToken);
        Assert.True(address.Equals(host), $"{grain.GetGrainId()} was activated on {host?.ToString() ?? "no silo"}, not on {silo.Name} ({address}); logs in {_logFolder}");
    }

    /// <summary>Waits until <paramref name="silo"/>'s host has started: its <c>/readyz</c> answers 200.</summary>
    public async Task WaitForReadyAsync(SiloProcess silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri($"http://127.0.0.1:{silo.HttpPort}/readyz");
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(ready, limit.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                await Task.Delay(100, limit.Token);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !limit.IsCancellationRequested))
            {
                // Not listening yet, or one answer slower than the client's timeout: ask again.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"{silo.Name} was not ready within {timeout.TotalSeconds} s; logs in {_logFolder}");
            }
        }
    }

    /// <summary>Waits until Orleans' membership table lists exactly <paramref name="count"/> active silos of this cluster.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var active = -1;
        while (true)
        {
            try
            {
                active = (await MembersAsync(limit.Token)).Count(m => m.Status == SiloStatus.Active);
                if (active == count)
                {
                    return;
                }

                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Expected {count} active silos within {timeout.TotalSeconds} s but the membership table lists {active}; logs in {_logFolder}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await ClusterClientHost.StopAsync(_clientHost);
        }

        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
        await _schema.DisposeAsync();
    }

    private static async Task WithPlacementHintAsync(SiloAddress silo, Func<Task> call)
    {
        // RequestContext flows with the call and on into every call the grain makes, so it is set for this call alone
        // (an async method's changes to it do not flow back to its caller).
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
