using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// A silo and gateway with settings of their own (moderation on, a short completion delay…) in a PostgreSQL schema of
/// their own, so that their singleton grains (the category tree, the platform wallet) never share rows with the
/// shared <see cref="MarketplaceFactory"/>'s: two silos on one set of rows would be two activations of one grain (a
/// reminder registered by one silo may fire on the other). Every test silo on PostgreSQL is either the shared one or
/// one of these.
/// </summary>
public sealed class IsolatedFactory : GatewayFactory
{
    private readonly string _schema;
    private readonly bool _ownsSchema;
    private readonly string? _environment;
    private readonly TimeProvider? _clock;

    private IsolatedFactory(string schema, bool ownsSchema, IReadOnlyDictionary<string, string> settings, string? environment, TimeProvider? clock)
        : base(postgres: true, settings)
    {
        _schema = schema;
        _ownsSchema = ownsSchema;
        _environment = environment;
        _clock = clock;
    }

    /// <summary>The schema this factory's silo keeps its tables in.</summary>
    public string Schema => _schema;

    /// <summary>The connection string of <paramref name="schema"/>, to read what a factory in it wrote.</summary>
    public static string ConnectionStringOf(string schema) => new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>
    /// Starts a silo in a new schema (dropped when it stops), or in <paramref name="schema"/>, made by the caller with
    /// <see cref="TestDatabase.CreateSchemaAsync"/> and kept, so that silos started one after another share data; in
    /// <paramref name="environment"/> if given (Development otherwise, as <c>WebApplicationFactory</c> starts). With a
    /// <paramref name="clock"/>, the gateway and the grains read the time from it (Orleans' own timers stay on real time).
    /// </summary>
    public static async Task<IsolatedFactory> StartAsync(
        IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, string? schema = null, string? environment = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ownsSchema = schema is null;
        if (schema is null)
        {
            schema = TestDatabase.NewSchemaName();
            await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, cancellationToken)).DisposeAsync();
        }

        var all = new Dictionary<string, string>
        {
            ["GRAINMARKET_DB"] = ConnectionStringOf(schema),
            ["GRAINMARKET_ADMIN_EMAIL"] = MarketplaceFactory.AdminEmail,
            ["GRAINMARKET_ADMIN_PASSWORD"] = MarketplaceFactory.AdminPassword,
        };
        if (environment is not null && environment != "Development")
        {
            // Outside Development the published test key is refused: this silo signs with a key of its own.
            all["GRAINMARKET_JWT_KEY"] = RandomJwtKey();
        }

        // A setting given wins (a test may add connection options to GRAINMARKET_DB, keeping the schema).
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }
        var factory = new IsolatedFactory(schema, ownsSchema, all, environment, clock);
        _ = factory.Services;

        // The admin is created by a background service: wait for it, so tests can log in at once.
        using var client = factory.CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = MarketplaceFactory.AdminEmail, password = MarketplaceFactory.AdminPassword }, cancellationToken);
            if (login.IsSuccessStatusCode || attempt == 100)
            {
                return factory;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A signing key as the scripts make one: 48 random bytes in base64.</summary>
    public static string RandomJwtKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_environment is not null)
        {
            builder.UseEnvironment(_environment);
        }

        if (_clock is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(_clock);
                services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsSchema)
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(_schema, CancellationToken.None);
        }
    }
}
