using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Projections;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// The commit point in PostgreSQL: one database transaction, sent as one batch, that records the verdict, writes
/// every state with <c>WHERE version = expected</c>, brings the read models of the written states along
/// (<see cref="IStateProjection"/>) and re-checks every read state's version <c>FOR SHARE</c>.
/// </summary>
internal sealed class PostgresTransactionStore(NpgsqlDataSource dataSource, WriteFence? fence = null, StateProjections? projections = null) : ITransactionStore
{
    private const string RecordSql = "INSERT INTO transactions (id, status) VALUES ($1, 'committed')";

    private const string UpdateSql =
        "WITH w AS (UPDATE grain_state SET state = $4, version = version + 1, updated_at = now() " +
        "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5 RETURNING 1) " +
        "SELECT grainmarket_expect(count(*) = 1, $6) FROM w";

    private const string InsertSql =
        "WITH w AS (INSERT INTO grain_state (grain_type, grain_key, state_name, version, state) VALUES ($1, $2, $3, 1, $4) " +
        "ON CONFLICT DO NOTHING RETURNING 1) SELECT grainmarket_expect(count(*) = 1, $5) FROM w";

    private const string ReadSql =
        "WITH r AS (SELECT version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 FOR SHARE) " +
        "SELECT grainmarket_expect((SELECT version FROM r) IS NOT DISTINCT FROM $4, $5)";

    /// <summary>
    /// One batch without an explicit transaction is one implicit transaction, and one round trip: any failed check
    /// (<c>grainmarket_expect</c>) or a verdict already recorded rolls back every statement of it.
    /// </summary>
    public async Task<IReadOnlyList<long>> CommitAsync(Guid transactionId, IReadOnlyList<TransactionWrite> writes, IReadOnlyList<TransactionRead> reads, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(RecordSql, new NpgsqlParameter<Guid> { TypedValue = transactionId }));
        if (fence is not null)
        {
            var guard = new NpgsqlBatchCommand($"SELECT grainmarket_expect({WriteFence.Condition}, 'this silo was declared dead')");
            fence.AddParameters(guard.Parameters);
            batch.BatchCommands.Add(guard);
        }

        foreach (var write in writes)
        {
            var command = Command(write.ExpectedVersion is null ? InsertSql : UpdateSql, Key(write.GrainId, write.StateName));
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (write.ExpectedVersion is { } expected)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
            }

            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{write.GrainId}/{write.StateName} is no longer at version {write.ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}" });
            batch.BatchCommands.Add(command);
            projections?.AppendJson(batch, write.GrainId, write.StateName, write.Json);
        }

        foreach (var read in reads)
        {
            var command = Command(ReadSql, Key(read.GrainId, read.StateName));
            command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = read.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{read.GrainId}/{read.StateName} changed since it was read" });
            batch.BatchCommands.Add(command);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            throw new TransactionConflictException(
                exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "transactions" }
                    ? "The transaction was already decided as aborted by a participant that gave up waiting."
                    : exception.MessageText,
                exception);
        }

        // Every write sets version = expected + 1; a first write sets 1.
        return [.. writes.Select(w => (w.ExpectedVersion ?? 0) + 1)];
    }

    public async Task<TransactionStatus> FenceAsync(Guid transactionId, CancellationToken cancellationToken)
    {
        // Two statements, two snapshots: the SELECT sees a verdict whose commit the INSERT had to wait for.
        await using var batch = dataSource.CreateBatch();
        var id = new NpgsqlParameter<Guid> { TypedValue = transactionId };
        batch.BatchCommands.Add(Command("INSERT INTO transactions (id, status) VALUES ($1, 'aborted') ON CONFLICT (id) DO NOTHING RETURNING status", id));
        batch.BatchCommands.Add(Command("SELECT status FROM transactions WHERE id = $1", new NpgsqlParameter<Guid> { TypedValue = transactionId }));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"No verdict row for transaction {transactionId} after fencing it.");
        }

        return reader.GetString(0) == "committed" ? TransactionStatus.Committed : TransactionStatus.Aborted;
    }

    public async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM transactions WHERE decided_at < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = olderThan.UtcDateTime });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter[] Key(GrainId grainId, string stateName) =>
    [
        new NpgsqlParameter<string> { TypedValue = grainId.Type },
        new NpgsqlParameter<string> { TypedValue = grainId.Key },
        new NpgsqlParameter<string> { TypedValue = stateName },
    ];
}
