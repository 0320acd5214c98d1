using System.Globalization;
using GrainMarket.Cluster.Tests;

namespace GrainMarket.Chaos;

/// <summary>
/// Real silo processes (each with its co-hosted gateway) and standalone gateways (cluster clients) on one PostgreSQL,
/// which the run faults and restarts. Clients use the standalone gateways when there are any.
/// </summary>
internal sealed class ChaosCluster(string connectionString, string logFolder) : IAsyncDisposable
{
    public const string AdminEmail = "chaos-admin@grainmarket.test";
    public const string AdminPassword = "chaos-admin-password";

    private readonly string _clusterId = $"chaos-{Guid.NewGuid():N}";

    /// <summary>Settings every silo and gateway also gets (the Stripe stand-in's keys and address).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
    private readonly Lock _sync = new();
    private readonly Dictionary<string, SiloProcess> _silos = [];
    private readonly Dictionary<string, SiloProcess> _gateways = [];
    private readonly HashSet<string> _down = [];

    public static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(4);

    /// <summary>The silos' <c>GRAINMARKET_DRAIN_SECONDS</c>: how long a silo told to stop goes on serving with readiness failed.</summary>
    public TimeSpan Drain { get; init; }

    /// <summary>The silos' names.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_sync)
            {
                return [.. _silos.Keys];
            }
        }
    }

    /// <summary>The standalone gateways' names.</summary>
    public IReadOnlyList<string> GatewayNames
    {
        get
        {
            lock (_sync)
            {
                return [.. _gateways.Keys];
            }
        }
    }

    /// <summary>Where clients send requests: the standalone gateways not being faulted right now, or (with none) the silos'.</summary>
    public IReadOnlyList<Uri> LiveGateways
    {
        get
        {
            lock (_sync)
            {
                return Live(_gateways.Count > 0 ? _gateways : _silos);
            }
        }
    }

    private List<Uri> Live(Dictionary<string, SiloProcess> processes) =>
        [.. processes.Where(s => !_down.Contains(s.Key) && !s.Value.HasExited).Select(s => new Uri($"http://127.0.0.1:{s.Value.HttpPort}"))];

    /// <summary>Starts a standalone gateway: a cluster client of the silos, with the same token key.</summary>
    public void StartGateway(string name)
    {
        var gateway = SiloProcess.Start(name, new Dictionary<string, string>(Extra)
        {
            ["GRAINMARKET_DB"] = connectionString,
            ["GRAINMARKET_CLUSTER_ID"] = _clusterId,
            ["GRAINMARKET_HEARTBEAT_SECONDS"] = "0.5",
            ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        }, logFolder, project: "ApiGateway");
        lock (_sync)
        {
            _gateways[name] = gateway;
            _down.Remove(name);
        }
    }

    /// <summary>Starts silo <paramref name="name"/>; clients send it requests at once unless <paramref name="serving"/> is false.</summary>
    public void Start(string name, bool serving = true)
    {
        var silo = SiloProcess.Start(name, new Dictionary<string, string>(Extra)
        {
            ["GRAINMARKET_DB"] = connectionString,
            ["GRAINMARKET_CLUSTER_ID"] = _clusterId,
            ["GRAINMARKET_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GRAINMARKET_HEARTBEAT_SECONDS"] = "0.5",
            ["GRAINMARKET_DEATH_SECONDS"] = DeathTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["GRAINMARKET_ADMIN_EMAIL"] = AdminEmail,
            ["GRAINMARKET_ADMIN_PASSWORD"] = AdminPassword,
            ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "100000",
            ["GRAINMARKET_MAX_SESSIONS"] = "100000",
            ["GRAINMARKET_DRAIN_SECONDS"] = Drain.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",

            // The drain's and the shutdown's own lines, to read how long each stop took (the log lines carry times).
            ["Logging__LogLevel__GrainMarket.ApiGateway.Extensions.HostRunning"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Orleans.Hosting.SiloHostedService"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        }, logFolder);
        lock (_sync)
        {
            _silos[name] = silo;
            if (serving)
            {
                _down.Remove(name);
            }
            else
            {
                _down.Add(name);
            }
        }
    }

    /// <summary>Injects one fault into <paramref name="name"/> and brings it back; returns what was done.</summary>
    public async Task<string> FaultAsync(string name, FaultKind kind, CancellationToken cancellationToken)
    {
        SiloProcess silo;
        lock (_sync)
        {
            silo = kind == FaultKind.GatewayRestart ? _gateways[name] : _silos[name];
            _down.Add(name);
        }

        if (kind == FaultKind.GatewayRestart)
        {
            // Requests in flight through it have unknown outcomes; their clients retry on the other gateway.
            silo.Kill();
            await silo.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            StartGateway(name);
            return $"{kind} {name}";
        }

        switch (kind)
        {
            case FaultKind.Kill:
                silo.Kill();
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                break;
            case FaultKind.Terminate:
                silo.Terminate();
                await WaitOrKillAsync(silo, TimeSpan.FromSeconds(30), cancellationToken);
                break;
            case FaultKind.Pause:
                silo.Pause();
                await Task.Delay(DeathTimeout * 2, cancellationToken);
                silo.Resume();

                // Declared dead while frozen: it must stop by itself once it runs again.
                await WaitOrKillAsync(silo, TimeSpan.FromSeconds(20), cancellationToken);
                break;
        }

        await silo.DisposeAsync();
        Start(name);
        return $"{kind} {name}";
    }

    /// <summary>
    /// A graceful restart, as a rolling upgrade does it: SIGTERM, wait for the process to exit (killed after
    /// <paramref name="timeout"/>: a stalled shutdown), start it again, and wait until it answers <c>/readyz</c> and the
    /// membership table lists it and every other silo as active. Returns the exit status (null when it had to be
    /// killed) and the time from SIGTERM to the exit and to the rejoin.
    /// </summary>
    public async Task<(int? ExitCode, TimeSpan Exited, TimeSpan Rejoined)> RestartGracefullyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SiloProcess silo;
        lock (_sync)
        {
            silo = _silos[name];
            _down.Add(name);
        }

        var signalled = DateTime.UtcNow;
        silo.Terminate();
        int? exitCode;
        try
        {
            await silo.WaitForExitAsync(timeout, cancellationToken);
            exitCode = silo.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            silo.Kill();
            exitCode = null;
        }

        var exited = DateTime.UtcNow - signalled;
        await silo.DisposeAsync();
        // Like a load balancer, clients send it requests again once it is ready.
        Start(name, serving: false);
        await WaitUntilRejoinedAsync(name, TimeSpan.FromSeconds(120), cancellationToken);
        lock (_sync)
        {
            _down.Remove(name);
        }

        return (exitCode, exited, DateTime.UtcNow - signalled);
    }

    private async Task WaitUntilRejoinedAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SiloProcess silo;
        int silos;
        lock (_sync)
        {
            silo = _silos[name];
            silos = _silos.Count;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await using var db = Npgsql.NpgsqlDataSource.Create(connectionString);
        var deadline = DateTime.UtcNow + timeout;
        var state = "not started";
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/readyz"), cancellationToken);
                await using var members = db.CreateCommand(
                    "SELECT count(*) FILTER (WHERE status = 3), coalesce(bool_or(port = $2 AND status = 3), false) FROM OrleansMembershipTable WHERE deploymentid = $1");
                members.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _clusterId });
                members.Parameters.Add(new Npgsql.NpgsqlParameter { Value = silo.SiloPort ?? 0 });
                await using var reader = await members.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                var (active, itself) = (reader.GetInt64(0), reader.GetBoolean(1));
                state = $"/readyz {(int)ready.StatusCode}, {active} of {silos} silos active, itself {(itself ? "active" : "not active")}";
                if (ready.IsSuccessStatusCode && itself && active == silos)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                state = exception.Message;
            }

            if (DateTime.UtcNow > deadline || silo.HasExited)
            {
                throw new TimeoutException($"{name} did not rejoin within {timeout.TotalSeconds:F0} s ({state}{(silo.HasExited ? ", exited" : "")}); logs in {logFolder}.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Waits until every silo and gateway answers <c>/readyz</c>.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ready = 0;
            List<Uri> gateways;
            int expected;
            lock (_sync)
            {
                gateways = [.. Live(_silos), .. Live(_gateways)];
                expected = _silos.Count + _gateways.Count;
            }

            foreach (var gateway in gateways)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(gateway, "/readyz"), cancellationToken);
                    ready += response.IsSuccessStatusCode ? 1 : 0;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            if (ready == expected && gateways.Count == expected)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {ready} of {expected} silos and gateways are ready after {timeout.TotalSeconds:F0} s; logs in {logFolder}.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<SiloProcess> silos;
        lock (_sync)
        {
            silos = [.. _gateways.Values, .. _silos.Values];
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task WaitOrKillAsync(SiloProcess silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await silo.WaitForExitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            silo.Kill();
        }
    }
}
