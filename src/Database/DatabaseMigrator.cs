using Microsoft.Extensions.Logging;
using Npgsql;

namespace GrainMarket.Database;

/// <summary>
/// Applies the plain SQL files of a folder in ordinal file-name order, each in its own transaction, and records
/// each applied file in <c>schema_migrations</c> so it runs once. The whole run holds a session-level advisory
/// lock, so silos that start at the same moment apply each file exactly once between them.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Any fixed value works as long as every silo uses the same one; this is "GrnMkt01" in ASCII.
    private const long AdvisoryLockKey = 0x47726E4D6B743031;

    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    text PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>The <c>db</c> folder next to the application, where the build copies the migrations.</summary>
    public static string DefaultFolder { get; } = Path.Combine(AppContext.BaseDirectory, "db");

    /// <summary>Applies every not yet applied <c>*.sql</c> file of <paramref name="folder"/>; returns how many were applied.</summary>
    public async Task<int> MigrateAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = ListMigrations(folder);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", AdvisoryLockKey, cancellationToken);
        try
        {
            await ExecuteAsync(connection, CreateHistorySql, null, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var count = 0;
            foreach (var file in files)
            {
                var version = Path.GetFileName(file);
                if (applied.Contains(version))
                {
                    continue;
                }

                logger.LogInformation("Applying migration {Migration}", version);
                await ApplyAsync(connection, version, await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                count++;
            }

            logger.LogInformation("Applied {MigrationCount} of {MigrationFileCount} migrations from {MigrationFolder}", count, files.Count, folder);
            return count;
        }
        finally
        {
            // A session lock outlives the transaction; give it back before the connection returns to the pool.
            // If the connection broke, closing it has already released the lock.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", AdvisoryLockKey, CancellationToken.None);
            }
        }
    }

    private static List<string> ListMigrations(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The database migrations folder '{Path.GetFullPath(folder)}' does not exist; the build should copy db/*.sql next to the application.");
        }

        var files = Directory.EnumerateFiles(folder, "*.sql", SearchOption.TopDirectoryOnly)
            .Where(file => string.Equals(Path.GetExtension(file), ".sql", StringComparison.OrdinalIgnoreCase))
            .ToList();
        files.Sort((left, right) => string.CompareOrdinal(Path.GetFileName(left), Path.GetFileName(right)));
        return files;
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, string version, string sql, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var migration = new NpgsqlCommand(sql, connection, transaction))
        {
            await migration.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, now())", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string>("version", version));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, long? key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter<long>("key", value));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
