using GrainMarket.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GrainMarket.Gateway.Tests;

/// <summary>
/// The PostgreSQL server the tests run against, taken from <c>GRAINMARKET_TEST_DB</c>. Without it the PostgreSQL
/// tests skip on a developer machine and fail when <c>CI</c> is set, so a CI run can never pass by skipping them.
/// The shared data source is migrated once per process; tests whose silo must see only its own rows get a fresh
/// schema of their own.
/// </summary>
public static class TestDatabase
{
    public const string ConnectionStringVariable = "GRAINMARKET_TEST_DB";

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<Task<NpgsqlDataSource>> Shared = new(() => CreateSharedAsync(ConnectionString));

    /// <summary>The connection string; skips the calling test, or fails it on CI, when none is configured.</summary>
    public static string ConnectionString
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
                    $"{ConnectionStringVariable} is not set but CI is: PostgreSQL tests must run on CI, not skip. Point {ConnectionStringVariable} at a PostgreSQL 15+ server.");
            }

            Assert.Skip($"{ConnectionStringVariable} is not set");
            return string.Empty;
        }
    }

    /// <summary>The process-wide data source over the default schema, migrated with the files in <c>db/</c>.</summary>
    public static Task<NpgsqlDataSource> GetDataSourceAsync(CancellationToken cancellationToken)
    {
        // Read the variable before touching the Lazy, so a skip is never cached as a failed initialization.
        _ = ConnectionString;
        return Shared.Value.WaitAsync(SetupTimeout, cancellationToken);
    }

    /// <summary>A new schema name that no other test uses.</summary>
    public static string NewSchemaName() => $"test_{Guid.NewGuid():N}";

    /// <summary>
    /// Creates an empty schema and returns a data source whose <c>search_path</c> is that schema alone; the caller
    /// disposes the data source and then calls <see cref="DropSchemaAsync"/>.
    /// </summary>
    public static async Task<NpgsqlDataSource> CreateSchemaAsync(string schema, bool migrate, CancellationToken cancellationToken)
    {
        var shared = await GetDataSourceAsync(cancellationToken);
        await using (var command = shared.CreateCommand($"CREATE SCHEMA {Quote(schema)}"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema };
        var dataSource = NpgsqlDataSource.Create(builder);
        var ready = false;
        try
        {
            if (migrate)
            {
                await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(DatabaseMigrator.DefaultFolder, cancellationToken);
            }

            ready = true;
            return dataSource;
        }
        finally
        {
            if (!ready)
            {
                await dataSource.DisposeAsync();
                await DropSchemaAsync(schema, CancellationToken.None);
            }
        }
    }

    public static async Task DropSchemaAsync(string schema, CancellationToken cancellationToken)
    {
        var shared = await GetDataSourceAsync(cancellationToken);
        await using var command = shared.CreateCommand($"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<NpgsqlDataSource> CreateSharedAsync(string connectionString)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(DatabaseMigrator.DefaultFolder, timeout.Token);
        return dataSource;
    }

    // Schema names come from NewSchemaName; quoting only guards against a caller passing something else.
    private static string Quote(string schema)
    {
        if (schema.Length == 0 || !schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{schema}' is not a test schema name.", nameof(schema));
        }

        return $"\"{schema}\"";
    }
}
