using GrainMarket.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace GrainMarket.Runtime.Tests.Storage;

/// <summary>Each test migrates a schema of its own, so what it counts is only what it applied.</summary>
public sealed class DatabaseMigratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_default_folder_holds_the_runtime_migration()
    {
        Assert.True(File.Exists(Path.Combine(DatabaseMigrator.DefaultFolder, "0001_runtime.sql")));
    }

    [Fact]
    public async Task A_missing_folder_throws_naming_the_folder()
    {
        // The folder is checked before any connection is opened, so no server is needed.
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var folder = Path.Combine(Path.GetTempPath(), $"no-migrations-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => NewMigrator(dataSource).MigrateAsync(folder, Ct));

        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrating_twice_applies_every_file_once_and_nothing_the_second_time()
    {
        var files = Directory.GetFiles(DatabaseMigrator.DefaultFolder, "*.sql").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        await WithSchemaAsync(async dataSource =>
        {
            var first = await NewMigrator(dataSource).MigrateAsync(DatabaseMigrator.DefaultFolder, Ct);
            var second = await NewMigrator(dataSource).MigrateAsync(DatabaseMigrator.DefaultFolder, Ct);

            Assert.Equal(files.Count, first);
            Assert.Equal(0, second);
            Assert.Equal(files, await ReadAppliedAsync(dataSource));
            Assert.True(await TableExistsAsync(dataSource, "grain_state"));
            Assert.True(await TableExistsAsync(dataSource, "reminders"));
        });
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_file_exactly_once()
    {
        var fileCount = Directory.GetFiles(DatabaseMigrator.DefaultFolder, "*.sql").Length;

        await WithSchemaAsync(async dataSource =>
        {
            var runs = Enumerable.Range(0, 4)
                .Select(_ => Task.Run(() => NewMigrator(dataSource).MigrateAsync(DatabaseMigrator.DefaultFolder, Ct), Ct))
                .ToArray();
            var applied = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60), Ct);

            Assert.Equal(fileCount, applied.Sum());
            Assert.Equal(3, applied.Count(count => count == 0));
        });
    }

    [Fact]
    public async Task Migrations_run_in_ordinal_file_name_order()
    {
        await WithFolderAsync(async folder =>
        {
            // Written out of order, and 0010 sorts after 0002 only by ordinal comparison of the full name.
            await File.WriteAllTextAsync(Path.Combine(folder, "0010_add_column.sql"), "ALTER TABLE ordered ADD COLUMN added int;", Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "0001_create.sql"), "CREATE TABLE ordered (id int);", Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "0002_insert.sql"), "INSERT INTO ordered (id) VALUES (1);", Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a migration", Ct);

            await WithSchemaAsync(async dataSource =>
            {
                var applied = await NewMigrator(dataSource).MigrateAsync(folder, Ct);

                Assert.Equal(3, applied);
                Assert.Equal(["0001_create.sql", "0002_insert.sql", "0010_add_column.sql"], await ReadAppliedAsync(dataSource));
            });
        });
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_not_recorded()
    {
        await WithFolderAsync(async folder =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "0001_good.sql"), "CREATE TABLE good (id int);", Ct);
            var bad = Path.Combine(folder, "0002_bad.sql");
            await File.WriteAllTextAsync(bad, "CREATE TABLE half_done (id int); SELECT 1 / 0;", Ct);

            await WithSchemaAsync(async dataSource =>
            {
                await Assert.ThrowsAsync<PostgresException>(() => NewMigrator(dataSource).MigrateAsync(folder, Ct));

                Assert.Equal(["0001_good.sql"], await ReadAppliedAsync(dataSource));
                Assert.True(await TableExistsAsync(dataSource, "good"));
                Assert.False(await TableExistsAsync(dataSource, "half_done"));

                await File.WriteAllTextAsync(bad, "CREATE TABLE half_done (id int);", Ct);
                Assert.Equal(1, await NewMigrator(dataSource).MigrateAsync(folder, Ct));
                Assert.True(await TableExistsAsync(dataSource, "half_done"));
            });
        });
    }

    private static DatabaseMigrator NewMigrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<DatabaseMigrator>.Instance);

    private static async Task WithSchemaAsync(Func<NpgsqlDataSource, Task> test)
    {
        var schema = TestDatabase.NewSchemaName();
        var dataSource = await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct);
        try
        {
            await test(dataSource);
        }
        finally
        {
            await dataSource.DisposeAsync();
            await TestDatabase.DropSchemaAsync(schema, Ct);
        }
    }

    private static async Task WithFolderAsync(Func<string, Task> test)
    {
        var folder = Directory.CreateTempSubdirectory("grainmarket-migrations-");
        try
        {
            await test(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> ReadAppliedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var versions = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    // to_regclass resolves through the data source's search_path, i.e. the test's own schema.
    private static async Task<bool> TableExistsAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand("SELECT to_regclass(@table) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string>("table", table));
        return await command.ExecuteScalarAsync(Ct) is true;
    }
}
