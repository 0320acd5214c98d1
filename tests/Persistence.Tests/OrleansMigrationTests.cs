using GrainMarket.Database;

namespace GrainMarket.Persistence.Tests;

/// <summary>db/0011_orleans.sql on its own, applied by hand into a schema of each test's own.</summary>
public sealed class OrleansMigrationTests
{
    private const string MigrationFile = "0011_orleans.sql";

    // Every key Orleans 10.4.2 reads: 9 for clustering, 4 for grain storage, 7 for reminders.
    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_migrations_folder_is_the_db_folder_next_to_the_test_assembly()
    {
        var assemblyFolder = Path.GetDirectoryName(typeof(OrleansMigrationTests).Assembly.Location)!;

        Assert.Equal(Path.GetFullPath(Path.Combine(assemblyFolder, "db")), Path.GetFullPath(DatabaseMigrator.DefaultFolder));
        Assert.True(File.Exists(Path.Combine(DatabaseMigrator.DefaultFolder, MigrationFile)));
    }

    [Fact]
    public async Task The_orleans_migration_applies_twice_by_hand_and_stores_every_query_key_orleans_reads()
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(DatabaseMigrator.DefaultFolder, MigrationFile), Ct);
        await using var database = await TestDatabase.CreateAsync(migrate: false, Ct);

        for (var run = 0; run < 2; run++)
        {
            await using var apply = database.DataSource.CreateCommand(sql);
            await apply.ExecuteNonQueryAsync(Ct);
        }

        await using var read = database.DataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"");
        await using var reader = await read.ExecuteReaderAsync(Ct);
        var keys = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }

        Assert.Equal(QueryKeys.Order(StringComparer.Ordinal), keys);
    }
}
