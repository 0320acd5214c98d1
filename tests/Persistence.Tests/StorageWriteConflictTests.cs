using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// Runs the stored WriteToStorageKey text the way the AdoNet grain storage does, for a grain state that no grain uses,
/// to show that two first writes of one state can never both insert.
/// </summary>
public sealed class StorageWriteConflictTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan LockWaitTimeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_first_write_of_one_grain_state_returns_no_version_and_leaves_the_first_row_alone()
    {
        var identity = StorageIdentity.New();
        var write = await ReadWriteQueryAsync();

        var first = await WriteAsync(fixture.Database.DataSource, write, identity, version: null, payload: [1]);
        var second = await WriteAsync(fixture.Database.DataSource, write, identity, version: null, payload: [2]);

        Assert.Equal(1, first);
        Assert.Null(second);
        Assert.Equal([("01", 1)], await ReadRowsAsync(identity));
    }

    [Fact]
    public async Task A_first_write_racing_an_uncommitted_one_waits_for_it_and_then_returns_no_version()
    {
        var identity = StorageIdentity.New();
        var write = await ReadWriteQueryAsync();

        await using var winner = await fixture.Database.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await winner.BeginTransactionAsync(Ct);
        Assert.Equal(1, await WriteAsync(winner, write, identity, version: null, payload: [1]));

        await using var loser = await fixture.Database.DataSource.OpenConnectionAsync(Ct);
        var racing = WriteAsync(loser, write, identity, version: null, payload: [2]);
        await WaitUntilBlockedAsync(loser.ProcessID);
        Assert.False(racing.IsCompleted);

        await transaction.CommitAsync(Ct);

        Assert.Null(await racing.WaitAsync(LockWaitTimeout, Ct));
        Assert.Equal([("01", 1)], await ReadRowsAsync(identity));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_returns_that_version_unchanged()
    {
        var identity = StorageIdentity.New();
        var write = await ReadWriteQueryAsync();
        Assert.Equal(1, await WriteAsync(fixture.Database.DataSource, write, identity, version: null, payload: [1]));
        Assert.Equal(2, await WriteAsync(fixture.Database.DataSource, write, identity, version: 1, payload: [2]));

        var stale = await WriteAsync(fixture.Database.DataSource, write, identity, version: 1, payload: [3]);

        Assert.Equal(1, stale);
        Assert.Equal([("02", 2)], await ReadRowsAsync(identity));
    }

    [Fact]
    public async Task A_raw_insert_of_an_existing_identity_violates_the_unique_index()
    {
        var identity = StorageIdentity.New();
        const string Insert = """
            INSERT INTO OrleansStorage
                (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
            VALUES (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, '\x01', 1)
            """;
        await ExecuteAsync(Insert, identity);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Insert, identity));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("orleansstorage_identity", error.ConstraintName);
    }

    private async Task<string> ReadWriteQueryAsync()
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        return (string)(await command.ExecuteScalarAsync(Ct) ?? throw new InvalidOperationException("WriteToStorageKey is missing."));
    }

    // Parameters as the provider binds them: typed, and NULL for a first write's version and a missing key extension.
    private static async Task<int?> WriteAsync(NpgsqlDataSource dataSource, string query, StorageIdentity identity, int? version, byte[] payload)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        return await WriteAsync(connection, query, identity, version, payload);
    }

    private static async Task<int?> WriteAsync(NpgsqlConnection connection, string query, StorageIdentity identity, int? version, byte[] payload)
    {
        await using var command = new NpgsqlCommand(query, connection);
        identity.AddTo(command);
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<byte[]>("PayloadBinary", payload));
        var result = await command.ExecuteScalarAsync(Ct);
        return result is DBNull ? null : (int?)result;
    }

    // Payloads as hex, so rows compare by content.
    private async Task<List<(string Payload, int Version)>> ReadRowsAsync(StorageIdentity identity)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("""
            SELECT PayloadBinary, Version FROM OrleansStorage
            WHERE GrainIdHash = @GrainIdHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND ServiceId = @ServiceId
            """);
        identity.AddTo(command);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((Convert.ToHexString(reader.GetFieldValue<byte[]>(0)), reader.GetInt32(1)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, StorageIdentity identity)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        identity.AddTo(command);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task WaitUntilBlockedAsync(int processId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(LockWaitTimeout);
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT wait_event_type FROM pg_stat_activity WHERE pid = @pid");
        command.Parameters.Add(new NpgsqlParameter<int>("pid", processId));
        while (await command.ExecuteScalarAsync(timeout.Token) is not "Lock")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    private sealed record StorageIdentity(int GrainIdHash, long GrainIdN0, long GrainIdN1, string ServiceId)
    {
        public static StorageIdentity New() =>
            new(Random.Shared.Next(), Random.Shared.NextInt64(), Random.Shared.NextInt64(), $"conflict-{Guid.NewGuid():N}");

        public void AddTo(NpgsqlCommand command)
        {
            command.Parameters.Add(new NpgsqlParameter<int>("GrainIdHash", GrainIdHash));
            command.Parameters.Add(new NpgsqlParameter<long>("GrainIdN0", GrainIdN0));
            command.Parameters.Add(new NpgsqlParameter<long>("GrainIdN1", GrainIdN1));
            command.Parameters.Add(new NpgsqlParameter<int>("GrainTypeHash", 42));
            command.Parameters.Add(new NpgsqlParameter<string>("GrainTypeString", "conflict-test"));
            command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<string>("ServiceId", ServiceId));
        }
    }
}
