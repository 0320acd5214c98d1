using GrainMarket.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// The PostgreSQL server the tests run against, taken from <c>GRAINMARKET_TEST_DB</c>. Without it the tests skip on a
/// developer machine and fail when <c>CI</c> is set, so a CI run can never pass by skipping them. Each test cluster
/// gets a schema of its own (<see cref="CreateSchemaAsync"/>), migrated before its silos start.
/// </summary>
public static class TestDatabase
{
    public const string ConnectionStringVariable = "GRAINMARKET_TEST_DB";

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);

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

    /// <summary>
    /// Creates a schema named <c>cluster_</c> and a fresh GUID and applies every <c>db/*.sql</c> file to it; the
    /// caller disposes the returned schema, which drops it.
    /// </summary>
    public static async Task<TestSchema> CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var schema = new TestSchema(ConnectionString, $"cluster_{Guid.NewGuid():N}");
        await using (var server = NpgsqlDataSource.Create(ConnectionString))
        await using (var create = server.CreateCommand($"CREATE SCHEMA {schema.Name}"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(SetupTimeout);
            await new DatabaseMigrator(schema.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(DatabaseMigrator.DefaultFolder, timeout.Token);
            return schema;
        }
        catch
        {
            await schema.DisposeAsync();
            throw;
        }
    }
}
