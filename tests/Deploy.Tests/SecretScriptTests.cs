using System.Text;

namespace GrainMarket.Deploy.Tests;

/// <summary>The scripts that make the secrets nobody commits: what they write, that it fits, and that they keep what exists.</summary>
public sealed class SecretScriptTests
{
    private const string MissingBash = "the secret scripts are bash scripts.";

    [Fact]
    public async Task Make_secrets_writes_random_values_the_dev_overlay_renders_and_keeps_them_on_a_second_run()
    {
        using var tree = DeployTree.Copy(fromExamples: false);
        var script = Path.Combine(tree.DevOverlay, "make-secrets.sh");

        await RunAsync(script);
        var secrets = ReadEnv(Path.Combine(tree.DevOverlay, "secrets.env"));
        var db = ReadEnv(Path.Combine(tree.DevOverlay, "db.env"));
        await RunAsync(script);

        Assert.Equal(secrets, ReadEnv(Path.Combine(tree.DevOverlay, "secrets.env")));
        Assert.Equal(db, ReadEnv(Path.Combine(tree.DevOverlay, "db.env")));
        Assert.Equal(["admin-email", "admin-password", "jwt-key", "metrics-token"], secrets.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(Encoding.UTF8.GetByteCount(secrets["jwt-key"]), 32, 128);
        Assert.InRange(secrets["admin-password"].Length, 8, 128);
        Assert.Equal(64, secrets["metrics-token"].Length);
        Assert.Equal($"Host=grainmarket-postgres;Port=5432;Database=grainmarket;Username=grainmarket;Password={db["password"]}", db["connection-string"]);
        Assert.Equal(48, db["password"].Length);
        Assert.Equal(48, db["superuser-password"].Length);
        Assert.NotEqual(db["password"], db["superuser-password"]);

        var set = await Kubectl.RenderAsync(tree.DevOverlay, TestContext.Current.CancellationToken);
        var rendered = set.Secrets.Single(s => s.Metadata.Name.StartsWith("grainmarket-secrets-", StringComparison.Ordinal));
        Assert.Equal(secrets["jwt-key"], Encoding.UTF8.GetString(rendered.Data["jwt-key"]));
    }

    [Fact]
    public async Task Make_secrets_makes_different_keys_each_time()
    {
        using var first = DeployTree.Copy(fromExamples: false);
        using var second = DeployTree.Copy(fromExamples: false);

        await RunAsync(Path.Combine(first.DevOverlay, "make-secrets.sh"));
        await RunAsync(Path.Combine(second.DevOverlay, "make-secrets.sh"));

        Assert.NotEqual(ReadEnv(Path.Combine(first.DevOverlay, "secrets.env"))["jwt-key"], ReadEnv(Path.Combine(second.DevOverlay, "secrets.env"))["jwt-key"]);
        Assert.NotEqual(ReadEnv(Path.Combine(first.DevOverlay, "db.env"))["password"], ReadEnv(Path.Combine(second.DevOverlay, "db.env"))["password"]);
    }

    [Fact]
    public async Task Compose_secrets_writes_exactly_the_variables_docker_compose_requires()
    {
        var root = Directory.CreateTempSubdirectory("gm-compose-secrets-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "scripts"));
            var script = Path.Combine(root.FullName, "scripts", "compose-secrets.sh");
            File.Copy(RepositoryRoot.Combine("scripts", "compose-secrets.sh"), script);

            await RunAsync(script);
            var env = ReadEnv(Path.Combine(root.FullName, ".env"));
            await RunAsync(script);

            Assert.Equal(env, ReadEnv(Path.Combine(root.FullName, ".env")));
            var required = System.Text.RegularExpressions.Regex.Matches(await File.ReadAllTextAsync(RepositoryRoot.Combine("docker-compose.yml"), TestContext.Current.CancellationToken), @"\$\{(?<name>[A-Z0-9_]+):?\?")
                .Select(m => m.Groups["name"].Value).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(required, env.Keys.Order(StringComparer.Ordinal));
            Assert.InRange(Encoding.UTF8.GetByteCount(env["GRAINMARKET_JWT_KEY"]), 32, 128);
            Assert.InRange(env["GRAINMARKET_ADMIN_PASSWORD"].Length, 8, 128);
            Assert.Equal(48, env["GRAINMARKET_DB_PASSWORD"].Length);
            Assert.NotEqual(env["GRAINMARKET_DB_PASSWORD"], env["GRAINMARKET_DB_SUPERUSER_PASSWORD"]);

            // A .env from before the database passwords keeps its values and gains the missing ones.
            var old = env.Where(e => !e.Key.StartsWith("GRAINMARKET_DB_", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
            await File.WriteAllLinesAsync(Path.Combine(root.FullName, ".env"), old.Select(e => $"{e.Key}={e.Value}"), TestContext.Current.CancellationToken);
            await RunAsync(script);
            var upgraded = ReadEnv(Path.Combine(root.FullName, ".env"));
            Assert.Equal(required, upgraded.Keys.Order(StringComparer.Ordinal));
            Assert.All(old, e => Assert.Equal(e.Value, upgraded[e.Key]));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string script)
    {
        var result = await ExternalCommand.RunAsync("bash", [script], MissingBash, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    /// <summary>NAME=value lines (comments and blank lines skipped); the value is everything after the first '='.</summary>
    private static Dictionary<string, string> ReadEnv(string path) =>
        File.ReadAllLines(path).Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
