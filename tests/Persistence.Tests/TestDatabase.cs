using GrainMarket.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// A schema of its own on the PostgreSQL server named by <c>GRAINMARKET_TEST_DB</c>, reached through a connection string
/// whose search_path is that schema alone, and dropped on dispose. A missing variable fails on a developer machine too,
/// not only on CI: these tests exist to prove SQL against a real server, and a skip would hide exactly that.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "GRAINMARKET_TEST_DB";

    private static readonly TimeSpan DropTimeout = TimeSpan.FromSeconds(30);

    private TestDatabase(string schema, string connectionString, NpgsqlDataSource dataSource)
    {
        Schema = schema;
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    /// <summary>The schema's name, <c>gm_test_</c> and a fresh GUID.</summary>
    public string Schema { get; }

    /// <summary>The server's connection string with <c>Search Path</c> set to <see cref="Schema"/>.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source over <see cref="ConnectionString"/>, owned by this object.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The server's connection string from <c>GRAINMARKET_TEST_DB</c>; throws when it is not set.</summary>
    public static string ServerConnectionString
    {
        get
        {
            var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                return connectionString;
            }

            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException(
                    $"{ConnectionStringVariable} is not set but CI is: the persistence tests must run on CI, not skip. Point {ConnectionStringVariable} at a PostgreSQL 15+ server.");
            }

            throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set. The persistence tests need a PostgreSQL 15+ server: export {ConnectionStringVariable}=\"Host=...;Port=...;Database=...;Username=...;Password=...\" (the user needs CREATE on the database; each fixture makes and drops a schema of its own).");
        }
    }

    /// <summary>Creates an empty schema and, when <paramref name="migrate"/> is set, applies every <c>db/*.sql</c> file to it.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate, CancellationToken cancellationToken)
    {
        var server = ServerConnectionString;
        var schema = $"gm_test_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var create = admin.CreateCommand($"CREATE SCHEMA {schema}"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema };
        var database = new TestDatabase(schema, builder.ConnectionString, NpgsqlDataSource.Create(builder));
        try
        {
            if (migrate)
            {
                await new DatabaseMigrator(database.DataSource, NullLogger<DatabaseMigrator>.Instance)
                    .MigrateAsync(DatabaseMigrator.DefaultFolder, cancellationToken);
            }

            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();

        // Orleans' providers open their own pooled connections with the same string; close the idle ones first.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var timeout = new CancellationTokenSource(DropTimeout);
        await using var admin = NpgsqlDataSource.Create(ServerConnectionString);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await drop.ExecuteNonQueryAsync(timeout.Token);
    }
}
