using Npgsql;

namespace GrainMarket.Runtime.Reminders;

/// <summary>
/// Reminders in the <c>reminders</c> table. Silos claim due rows with <c>FOR UPDATE SKIP LOCKED</c> and a lease, so
/// concurrent silos never deliver the same claim and no partitioning protocol is needed. Every time is a parameter
/// from the caller's clock, never the database's <c>now()</c>, so tests can run on a fake clock.
/// </summary>
public sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, due_at, period_ms, generation, attempts";

    private const string Key = "grain_type = @type AND grain_key = @key AND name = @name";

    private const string UpsertSql = $"""
        INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ms, generation, attempts, claimed_by, claimed_until)
        VALUES (@type, @key, @name, @due, @period, 1, 0, NULL, NULL)
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET
            due_at = excluded.due_at,
            period_ms = excluded.period_ms,
            generation = reminders.generation + 1,
            attempts = 0,
            claimed_by = NULL,
            claimed_until = NULL
        RETURNING {Columns}
        """;

    private const string RemoveSql = $"DELETE FROM reminders WHERE {Key}";

    private const string ReadSql = $"SELECT {Columns} FROM reminders WHERE {Key}";

    private const string ReadAllSql = $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_key = @key ORDER BY name";

    // The inner SELECT locks the rows it picks and skips rows another claimer holds locked; rows claimed by a
    // transaction that committed meanwhile are re-checked against the lease condition and dropped.
    private const string ClaimSql = """
        UPDATE reminders r SET claimed_by = @silo, claimed_until = @lease
        FROM (
            SELECT grain_type, grain_key, name FROM reminders
            WHERE due_at <= @horizon AND (claimed_until IS NULL OR claimed_until < @now)
            ORDER BY due_at
            LIMIT @max
            FOR UPDATE SKIP LOCKED
        ) d
        WHERE r.grain_type = d.grain_type AND r.grain_key = d.grain_key AND r.name = d.name
        RETURNING r.grain_type, r.grain_key, r.name, r.due_at, r.period_ms, r.generation, r.attempts
        """;

    private const string DeleteIfGenerationSql = $"DELETE FROM reminders WHERE {Key} AND generation = @generation";

    private const string RescheduleSql = $"""
        UPDATE reminders SET due_at = @due, attempts = 0, claimed_by = NULL, claimed_until = NULL
        WHERE {Key} AND generation = @generation
        """;

    private const string RetrySql = $"""
        UPDATE reminders SET due_at = @due, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL
        WHERE {Key} AND generation = @generation
        """;

    private const string ReleaseSql = "UPDATE reminders SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @silo";

    public async Task<ReminderEntry> UpsertAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var periodMs = ToMilliseconds(period);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, UpsertSql, grainId, name);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("due", dueAt.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<long?>("period", periodMs));
        var entries = await ReadEntriesAsync(command, cancellationToken);
        return entries[0];
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, RemoveSql, grainId, name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, ReadSql, grainId, name);
        var entries = await ReadEntriesAsync(command, cancellationToken);
        return entries.Count == 0 ? null : entries[0];
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ReadAllSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.Key));
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(
        string siloId,
        DateTimeOffset now,
        DateTimeOffset horizon,
        DateTimeOffset leaseUntil,
        int maxCount,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ClaimSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("silo", siloId));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("lease", leaseUntil.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("horizon", horizon.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
        var entries = await ReadEntriesAsync(command, cancellationToken);

        // RETURNING does not keep the inner ORDER BY; deliver the most overdue first.
        entries.Sort((left, right) => left.DueAt.CompareTo(right.DueAt));
        return entries;
    }

    public async Task CompleteAsync(ReminderEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, nextDueAt is null ? DeleteIfGenerationSql : RescheduleSql, entry.GrainId, entry.Name);
        command.Parameters.Add(new NpgsqlParameter<long>("generation", entry.Generation));
        if (nextDueAt is { } next)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("due", next.UtcDateTime));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RetryLaterAsync(ReminderEntry entry, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, RetrySql, entry.GrainId, entry.Name);
        command.Parameters.Add(new NpgsqlParameter<long>("generation", entry.Generation));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("due", retryAt.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseClaimsAsync(string siloId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ReleaseSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("silo", siloId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand CreateCommand(NpgsqlConnection connection, string sql, GrainId grainId, string name)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.Key));
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return command;
    }

    // period_ms holds whole milliseconds; a period that rounds to zero would make the reminder fire in a loop.
    private static long? ToMilliseconds(TimeSpan? period)
    {
        if (period is not { } value)
        {
            return null;
        }

        var milliseconds = value.Ticks / TimeSpan.TicksPerMillisecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, 1L, nameof(period));
        return milliseconds;
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                await reader.IsDBNullAsync(4, cancellationToken) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.GetInt64(5),
                reader.GetInt32(6)));
        }

        return entries;
    }
}
