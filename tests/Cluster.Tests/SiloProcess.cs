using System.Diagnostics;

namespace GrainMarket.Cluster.Tests;

/// <summary>A real silo process (the Silo's built assembly; or a standalone gateway's), its log, and ways to stop it: SIGTERM, SIGKILL.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>The signing key of every silo and gateway this test run starts: 48 random bytes in base64, as the scripts make one.</summary>
    private static readonly string JwtKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private readonly Process _process;
    private readonly StreamWriter _log;

    private readonly string _logPath;

    private SiloProcess(string name, Process process, StreamWriter log, string logPath, int httpPort, int? siloPort)
    {
        Name = name;
        _process = process;
        _log = log;
        _logPath = logPath;
        HttpPort = httpPort;
        SiloPort = siloPort;
    }

    public string Name { get; }

    public int HttpPort { get; }

    /// <summary>The silo-to-silo port it was given (<c>GRAINMARKET_SILO_PORT</c>): its address in the membership table.</summary>
    public int? SiloPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The process's exit status, once it has exited (0 after a graceful stop).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the built <c>src/{project}</c> (<c>Silo</c>, or <c>ApiGateway</c> for a standalone gateway) as <paramref name="name"/>.</summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> environment, string logFolder, string project = "Silo")
    {
        var siloDll = Path.Combine(RepositoryRoot.Path, "src", project, "bin", RepositoryRoot.Configuration, "net10.0", $"GrainMarket.{project}.dll");
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"Build the solution first: {siloDll} is missing.");
        }

        var httpPort = FreePort.Next();
        var info = new ProcessStartInfo("dotnet", [siloDll, "--urls", $"http://127.0.0.1:{httpPort}"])
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Silos run as Production, which refuses to start without a strong JWT key of its own (a key written here would be
        // a published one); every silo of this test run shares one (tokens work on any of them), and cheap password
        // hashing keeps logins fast.
        info.Environment["GRAINMARKET_JWT_KEY"] = JwtKey;
        info.Environment["GRAINMARKET_PASSWORD_ITERATIONS"] = "1000";

        // No load balancer watches a test's processes: SIGTERM stops them at once unless a test asks for a drain.
        info.Environment["GRAINMARKET_DRAIN_SECONDS"] = "0";

        // Workloads (the chaos run's buyers, above all) check out, bid and search far faster than a person: no per-user limit.
        foreach (var limit in new[] { "SEARCH", "CHECKOUT", "BID" })
        {
            info.Environment[$"GRAINMARKET_{limit}_LIMIT_PER_MINUTE"] = "100000";
        }

        info.Environment["GRAINMARKET_WS_PER_ADDRESS"] = "100000";
        info.Environment["GRAINMARKET_WS_MESSAGES_PER_SECOND"] = "100000";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["GRAINMARKET_SILO_NAME"] = name;
        info.Environment["GRAINMARKET_EXIT_WITH_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(logFolder);
        // Appended: a silo restarted under the same name (after a kill) keeps what its previous run wrote.
        var logPath = Path.Combine(logFolder, $"{name}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"==== {name} starting at {DateTimeOffset.UtcNow:O}");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var siloPort = environment.TryGetValue("GRAINMARKET_SILO_PORT", out var port) ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        return new SiloProcess(name, process, log, logPath, httpPort, siloPort);
    }

    /// <summary>What the process wrote to standard output and error so far (with earlier runs under the same name).</summary>
    public string ReadLog()
    {
        lock (_log)
        {
            using var file = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file);
            return reader.ReadToEnd();
        }
    }

    /// <summary>SIGTERM: the silo leaves membership, drains and deactivates its grains.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the silo freezes mid-flight, as in a long GC pause or a network partition.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: the frozen silo runs again, unaware of what happened meanwhile.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>SIGKILL: the silo vanishes without a word.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await _process.WaitForExitAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
