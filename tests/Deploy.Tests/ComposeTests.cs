using System.Text.RegularExpressions;

namespace GrainMarket.Deploy.Tests;

/// <summary>docker-compose.yml at the repository root: its shape, its references and that it commits no secret.</summary>
public sealed partial class ComposeTests
{
    private static readonly string[] TopLevelKeys = ["version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models"];

    // The service keys of the compose specification (compose-spec/compose-spec, schema/compose-spec.json).
    private static readonly HashSet<string> ServiceKeys =
    [
        "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
        "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
        "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt",
        "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts",
        "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "label_file", "links",
        "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode",
        "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
        "privileged", "profiles", "provider", "pull_policy", "read_only", "restart", "runtime", "scale", "secrets", "security_opt",
        "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits",
        "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir",
    ];

    private static string PathOfFile => RepositoryRoot.Combine("docker-compose.yml");

    private static ComposeFile Compose { get; } = ComposeFile.Load(PathOfFile);

    private static ComposeService[] Silos => [.. Compose.Services.Values.Where(s => s.Dockerfile == "deploy/Dockerfile.silo")];

    [Fact]
    public void Compose_runs_postgres_two_silos_and_one_standalone_gateway()
    {
        Assert.Equal(["gateway", "postgres", "silo-1", "silo-2"], Compose.Services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("postgres:15", Compose.Services["postgres"].Image);
        Assert.Equal(["silo-1", "silo-2"], Silos.Select(s => s.Name));
        Assert.All(Silos, silo => Assert.Equal("grainmarket/silo:dev", silo.Image));
        Assert.Equal("deploy/Dockerfile.gateway", Compose.Services["gateway"].Dockerfile);

        // On Orleans: every silo is in a cluster on the database, the gateway is its client there.
        Assert.All(Compose.Services.Values.Where(s => s.Name != "postgres"), service =>
            Assert.StartsWith("Host=postgres;", service.Environment["GRAINMARKET_DB"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compose_uses_compose_keys_and_refers_only_to_what_it_defines()
    {
        Assert.All(Compose.Root.Keys, key => Assert.True(TopLevelKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal), $"top-level key {key}"));
        var volumes = ComposeFile.Map(Compose.Root["volumes"]).Keys;
        foreach (var service in Compose.Services.Values)
        {
            Assert.All(service.Keys.Keys, key => Assert.True(ServiceKeys.Contains(key), $"{service.Name}: {key} is not a compose service key"));
            Assert.All(service.DependsOn, target => Assert.Contains(target, Compose.Services.Keys));
            Assert.All(service.Volumes.Where(v => !v.StartsWith('.') && !v.StartsWith('/')), volume => Assert.Contains(volume.Split(':')[0], volumes));
        }

        Assert.Equal(["postgres"], Silos.SelectMany(s => s.DependsOn).Distinct());
        Assert.Equal(["silo-1", "silo-2"], Compose.Services["gateway"].DependsOn);

        // Only where Docker Compose is installed (it is not on the machine image): its own reading of the file.
        if (await DockerComposeInstalledAsync(TestContext.Current.CancellationToken))
        {
            var env = Path.GetTempFileName();
            try
            {
                await File.WriteAllLinesAsync(env, [$"GRAINMARKET_JWT_KEY={new string('k', 48)}", "GRAINMARKET_ADMIN_PASSWORD=admin-password"], TestContext.Current.CancellationToken);
                var config = await ExternalCommand.RunAsync("docker", ["compose", "--env-file", env, "-f", PathOfFile, "config", "-q"], "", TestContext.Current.CancellationToken);
                Assert.True(config.ExitCode == 0, config.Error);
            }
            finally
            {
                File.Delete(env);
            }
        }
    }

    [Fact]
    public void Compose_takes_the_jwt_key_and_admin_password_from_the_environment_never_from_the_file()
    {
        var secrets = new[] { "GRAINMARKET_JWT_KEY", "GRAINMARKET_ADMIN_PASSWORD" };
        var set = Compose.Services.Values.SelectMany(s => s.Environment.Where(e => secrets.Contains(e.Key)).Select(e => (s.Name, e.Key, e.Value))).ToList();

        Assert.Equal(["gateway", "silo-1", "silo-1", "silo-2", "silo-2"], set.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(set, e => Assert.Matches(RequiredVariable(e.Key), e.Value));
    }

    [Fact]
    public void Compose_sets_only_grainmarket_variables_the_code_reads()
    {
        var set = Compose.Services.Values.SelectMany(s => s.Environment.Keys).Where(k => k.StartsWith("GRAINMARKET_", StringComparison.Ordinal)).ToHashSet();

        Assert.NotEmpty(set);
        Assert.Empty(set.Except(CodeConfiguration.Names));
    }

    [Fact]
    public void Compose_silos_advertise_their_own_names_and_only_the_gateway_publishes_its_http_port()
    {
        foreach (var silo in Silos)
        {
            var env = silo.Environment;
            Assert.Equal(silo.Name, env["GRAINMARKET_SILO_NAME"]);
            Assert.Equal(silo.Name, env["GRAINMARKET_SILO_ADDRESS"]);
            // The name resolves to the container's address at start; Orleans' ports listen there alone.
            Assert.False(env.ContainsKey("GRAINMARKET_SILO_LISTEN_ANY"));
            Assert.NotEqual(env["GRAINMARKET_SILO_PORT"], env["GRAINMARKET_GATEWAY_PORT"]);
            Assert.Empty(silo.Ports);
        }

        Assert.Single(Silos.Select(s => (s.Environment["GRAINMARKET_SILO_PORT"], s.Environment["GRAINMARKET_GATEWAY_PORT"])).Distinct());
        Assert.Empty(Compose.Services["postgres"].Ports);
        var published = Assert.Single(Compose.Services["gateway"].Ports);
        Assert.Equal(ImageHttpPort("deploy/Dockerfile.gateway"), published.Split(':')[^1]);
    }

    private static async Task<bool> DockerComposeInstalledAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await ExternalCommand.RunAsync("docker", ["compose", "version"], "no Docker", cancellationToken)).ExitCode == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The port of <c>ASPNETCORE_URLS</c> in a Dockerfile's ENV.</summary>
    internal static string ImageHttpPort(string dockerfile) =>
        HttpUrl().Match(File.ReadAllText(RepositoryRoot.Combine(dockerfile))) is { Success: true } match ? match.Groups["port"].Value
            : throw new InvalidOperationException($"{dockerfile} sets no ASPNETCORE_URLS.");

    /// <summary><c>${NAME:?message}</c> or <c>${NAME?message}</c>: compose stops when the variable is not set.</summary>
    private static Regex RequiredVariable(string name) => new($"^\\$\\{{{name}:?\\?[^}}]+\\}}$");

    [GeneratedRegex(@"ASPNETCORE_URLS=http://\+:(?<port>[0-9]+)")]
    private static partial Regex HttpUrl();
}
