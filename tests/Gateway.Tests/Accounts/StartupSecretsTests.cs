using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>Outside Development a process refuses a weak or published signing key and a weak admin password; an admin address held by a non-admin stops it.</summary>
public sealed class StartupSecretsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", "is not set")]
    [InlineData("a-key-of-only-29-bytes-length", "shorter than 32 bytes")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "less than 256 bits")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef", "less than 256 bits")]
    [InlineData("thequickbrownfoxjumpsoverthelazydogthequickbrownfox", "less than 256 bits")]
    [InlineData("compose-development-key-not-for-production-use", "published in the GrainMarket repository")]
    [InlineData(GatewayFactory.JwtKey, "published in the GrainMarket repository")]
    public async Task Production_refuses_to_start_with_a_missing_weak_or_published_JWT_key(string key, string reason)
    {
        await using var production = new Production(new Dictionary<string, string> { ["GRAINMARKET_JWT_KEY"] = key });

        var failure = Assert.ThrowsAny<Exception>(() => production.Services);

        var message = failure.GetBaseException().Message;
        Assert.Contains("GRAINMARKET_JWT_KEY", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 48", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("change-me-admin", "common or published")]
    [InlineData("Administrator", "common or published")]
    [InlineData("short-pass1", "shorter than 12 characters")]
    [InlineData("aaaaaaaaaaaaaaaa", "too few characters")]
    public async Task Production_refuses_to_start_with_a_weak_admin_password(string password, string reason)
    {
        await using var production = new Production(new Dictionary<string, string>
        {
            ["GRAINMARKET_JWT_KEY"] = IsolatedFactory.RandomJwtKey(),
            ["GRAINMARKET_ADMIN_EMAIL"] = "root@grainmarket.test",
            ["GRAINMARKET_ADMIN_PASSWORD"] = password,
        });

        var failure = Assert.ThrowsAny<Exception>(() => production.Services);

        var message = failure.GetBaseException().Message;
        Assert.Contains("GRAINMARKET_ADMIN_PASSWORD", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_with_a_random_key_and_a_strong_admin_password_and_signs_tokens()
    {
        await using var production = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_JWT_KEY"] = IsolatedFactory.RandomJwtKey() }, Ct, environment: "Production");

        using var admin = await TestUsers.AdminAsync(production);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(new Uri("/api/admin/users?limit=1", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task An_admin_address_that_belongs_to_an_account_without_the_admin_role_stops_the_host()
    {
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct)).DisposeAsync();
        var log = Path.Combine(Path.GetTempPath(), $"admin-bootstrap-{Guid.NewGuid():N}.log");
        try
        {
            string email;
            await using (var before = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, schema))
            {
                using var buyer = await TestUsers.CreateAsync(before, "buyer");
                email = buyer.Email;
            }

            await using var silo = new GatewayFactory(postgres: true, new Dictionary<string, string>
            {
                ["GRAINMARKET_DB"] = IsolatedFactory.ConnectionStringOf(schema),
                ["GRAINMARKET_ADMIN_EMAIL"] = email,
                ["GRAINMARKET_ADMIN_PASSWORD"] = "a strong admin password",
            });
            await using var after = silo.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(new FileLoggerProvider(log))));
            var lifetime = after.Services.GetRequiredService<IHostApplicationLifetime>();
            var stopping = new TaskCompletionSource();
            using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(90), Ct);

            var logged = await File.ReadAllTextAsync(log, Ct);
            Assert.Contains($"GRAINMARKET_ADMIN_EMAIL ({email}) belongs to an existing account without the admin role", logged, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
            File.Delete(log);
        }
    }

    /// <summary>The co-hosted silo and gateway in memory, as Production.</summary>
    private sealed class Production(IReadOnlyDictionary<string, string> settings) : GatewayFactory(postgres: false, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
