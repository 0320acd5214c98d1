using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>
/// The development PostgreSQL of docker-compose.yml and the Kubernetes dev overlay: password authentication
/// (scram-sha-256) for every connection, and an application role without superuser rights, made by one init script.
/// </summary>
public sealed class DevelopmentDatabaseTests
{
    private const string InitScript = "deploy/k8s/overlays/dev/postgres-app-role.sh";

    [Fact]
    public async Task The_init_script_makes_a_role_that_owns_only_its_database_and_needs_its_password()
    {
        var result = await ExternalCommand.RunAsync("bash", [RepositoryRoot.Combine("tests", "Deploy.Tests", "try-app-role.sh")], "the check is a bash script.", TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Error);
        var findings = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal("f,f,f,f", findings["flags"]);
        Assert.Equal("grainmarket", findings["owns"]);
        Assert.Equal("yes", findings["creates"]);
        Assert.Equal("refused", findings["wrong-password"]);
        Assert.Equal("scram-sha-256", findings["methods"]);
    }

    [Fact]
    public void Compose_initialises_postgres_with_scram_a_separate_superuser_and_the_init_script()
    {
        var compose = ComposeFile.Load(RepositoryRoot.Combine("docker-compose.yml"));
        var postgres = compose.Services["postgres"];
        var env = postgres.Environment;

        Assert.Equal("postgres", env["POSTGRES_USER"]);
        Assert.False(env.ContainsKey("POSTGRES_DB"));
        Assert.Equal("scram-sha-256", env["POSTGRES_HOST_AUTH_METHOD"]);
        Assert.Equal("--auth-local=scram-sha-256 --auth-host=scram-sha-256", env["POSTGRES_INITDB_ARGS"]);
        Assert.StartsWith("${GRAINMARKET_DB_SUPERUSER_PASSWORD:?", env["POSTGRES_PASSWORD"], StringComparison.Ordinal);
        Assert.StartsWith("${GRAINMARKET_DB_PASSWORD:?", env["APP_ROLE_PASSWORD"], StringComparison.Ordinal);
        Assert.Contains($"./{InitScript}:/docker-entrypoint-initdb.d/10-app-role.sh:ro", postgres.Volumes);

        // Everything else connects as the application's role with the password the init script gave it.
        Assert.All(compose.Services.Values.Where(s => s.Name != "postgres"), service =>
        {
            var connection = service.Environment["GRAINMARKET_DB"];
            Assert.Contains("Username=grainmarket;", connection, StringComparison.Ordinal);
            Assert.Contains("Password=${GRAINMARKET_DB_PASSWORD:?", connection, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_dev_overlay_initialises_postgres_the_same_way_from_its_secret()
    {
        using var tree = DeployTree.Copy();
        var set = await Kubectl.RenderAsync(tree.DevOverlay, TestContext.Current.CancellationToken);
        var pod = set.StatefulSets.Single(s => s.Metadata.Name == "grainmarket-postgres").Spec.Template.Spec;
        var env = pod.Containers.Single().Env.ToDictionary(e => e.Name, StringComparer.Ordinal);

        Assert.Equal("postgres", env["POSTGRES_USER"].Value);
        Assert.False(env.ContainsKey("POSTGRES_DB"));
        Assert.Equal("scram-sha-256", env["POSTGRES_HOST_AUTH_METHOD"].Value);
        Assert.Equal("--auth-local=scram-sha-256 --auth-host=scram-sha-256", env["POSTGRES_INITDB_ARGS"].Value);
        Assert.Equal("superuser-password", env["POSTGRES_PASSWORD"].ValueFrom.SecretKeyRef.Key);
        Assert.Equal("password", env["APP_ROLE_PASSWORD"].ValueFrom.SecretKeyRef.Key);

        var init = pod.Volumes.Single(v => v.ConfigMap is not null);
        Assert.Equal("/docker-entrypoint-initdb.d", pod.Containers.Single().VolumeMounts.Single(m => m.Name == init.Name).MountPath);
        var script = set.ConfigMaps.Single(c => c.Metadata.Name == init.ConfigMap.Name);
        Assert.Equal(await File.ReadAllTextAsync(RepositoryRoot.Combine(InitScript), TestContext.Current.CancellationToken), script.Data["10-app-role.sh"]);
        Assert.Equal(0b101_101_101, init.ConfigMap.DefaultMode);
    }
}
