using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Database;
using GrainMarket.Runtime.Projections;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// The commit point in PostgreSQL: one database transaction, sent as one batch, that records the verdict, writes
/// every state with <c>WHERE version = expected</c>, brings the read models of the written states along
/// (<see cref="IStateProjection"/>) and re-checks every read state's version <c>FOR SHARE</c>.
/// <para>
/// Commits that arrive while others are on their way are sent together, as one batch and one database transaction
/// (group commit): their write sets never overlap, since each holds its states' locks until its verdict, and one
/// round trip, one WAL flush and one busy backend then serve many of them; the verdicts, the updated states and the
/// inserted states of all of them go as one statement each. At most <see cref="BatchQueue{T}.Senders"/> batches are
/// on their way at once. When a batch is refused, each of its commits is sent again alone, so that only the refused
/// ones fail. Measured on 2 cores with 64 clients (<c>./grainmarket bench transactions</c>):
/// 4,600–5,100 → 10,100–11,900 transactions per second, p99 42–48 → 18–21 ms, 15 commits per batch on average.
/// </para>
/// </summary>
internal sealed class PostgresTransactionStore : ITransactionStore
{
    /// <summary>The most transactions one batch carries.</summary>
    private const int MaxPerBatch = 64;

    // Each statement carries the writes of every commit in the batch, one row each (unnest): three statements for a batch
    // of 64 checkouts instead of 640. A count that falls short raises, and the batch rolls back whole.
    private const string RecordSql = "INSERT INTO transactions (id, status) SELECT unnest($1::uuid[]), 'committed'";

    private const string UpdateSql =
        "WITH w AS (UPDATE grain_state g SET state = u.state, version = g.version + 1, updated_at = now() " +
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::bigint[]) AS u(grain_type, grain_key, state_name, state, version) " +
        "WHERE g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name AND g.version = u.version RETURNING 1) " +
        "SELECT grainmarket_expect(count(*) = $6, $7) FROM w";

    private const string InsertSql =
        "WITH w AS (INSERT INTO grain_state (grain_type, grain_key, state_name, version, state) " +
        "SELECT grain_type, grain_key, state_name, 1, state FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS u(grain_type, grain_key, state_name, state) " +
        "ON CONFLICT DO NOTHING RETURNING 1) SELECT grainmarket_expect(count(*) = $5, $6) FROM w";

    private const string ReadSql =
        "WITH r AS (SELECT version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 FOR SHARE) " +
        "SELECT grainmarket_expect((SELECT version FROM r) IS NOT DISTINCT FROM $4, $5)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly WriteFence? _fence;
    private readonly StateProjections? _projections;
    private readonly BatchQueue<PendingCommit> _queue;
    private long _batches;
    private long _commits;
    private int _largest;

    public PostgresTransactionStore(NpgsqlDataSource dataSource, WriteFence? fence = null, StateProjections? projections = null)
    {
        _dataSource = dataSource;
        _fence = fence;
        _projections = projections;
        _queue = new BatchQueue<PendingCommit>(MaxPerBatch, CommitGroupAsync);
    }

    /// <summary>Batches sent so far, the transaction commits they carried (each try counts), and the most one carried.</summary>
    public (long Batches, long Commits, int Largest) Sent => (Interlocked.Read(ref _batches), Interlocked.Read(ref _commits), Volatile.Read(ref _largest));

    /// <summary>
    /// Queues the commit for the next batch. <paramref name="cancellationToken"/> is not honoured once queued: a batch
    /// carries other transactions too, and a commit's outcome, once sent, is only known from the database.
    /// </summary>
    public Task<IReadOnlyList<long>> CommitAsync(Guid transactionId, IReadOnlyList<TransactionWrite> writes, IReadOnlyList<TransactionRead> reads, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var commit = new PendingCommit(transactionId, writes, reads);
        _queue.Enqueue(commit);
        return commit.Completion.Task;
    }

    /// <summary>
    /// One batch without an explicit transaction is one implicit transaction, and one round trip: any failed check
    /// (<c>grainmarket_expect</c>) or a verdict already recorded rolls back every statement of it. A refused batch of
    /// several commits sends each of them again alone, so that only the refused ones fail.
    /// </summary>
    private async Task CommitGroupAsync(List<PendingCommit> group)
    {
        PostgresException refusal;
        await using (var batch = _dataSource.CreateBatch())
        {
            if (_fence is not null)
            {
                var guard = new NpgsqlBatchCommand($"SELECT grainmarket_expect({WriteFence.Condition}, 'this silo was declared dead')");
                _fence.AddParameters(guard.Parameters);
                batch.BatchCommands.Add(guard);
            }

            var rows = new StateRows();
            var projected = new ProjectionCommands();
            group = [.. group.Where(commit => TryAppend(commit, rows, projected))];
            if (group.Count == 0)
            {
                return;
            }

            rows.AppendTo(batch);
            foreach (var command in projected.Commands)
            {
                batch.BatchCommands.Add(command);
            }

            foreach (var read in group.SelectMany(c => c.Reads))
            {
                var command = Command(ReadSql, Key(read.GrainId, read.StateName));
                command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = read.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{read.GrainId}/{read.StateName} changed since it was read" });
                batch.BatchCommands.Add(command);
            }

            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _commits, group.Count);
            InterlockedMax(ref _largest, group.Count);
            try
            {
                await batch.ExecuteNonQueryAsync();

                // Every write sets version = expected + 1; a first write sets 1.
                group.ForEach(c => c.Completion.TrySetResult([.. c.Writes.Select(w => (w.ExpectedVersion ?? 0) + 1)]));
                return;
            }
            catch (PostgresException exception)
            {
                // The server refused a statement: the batch rolled back, nothing of it committed.
                refusal = exception;
            }
            catch (Exception exception)
            {
                // The answer is lost: each transaction's record, and nothing else, says what happened to it.
                group.ForEach(c => c.Completion.TrySetException(exception));
                return;
            }
        }

        if (group.Count == 1)
        {
            group[0].Completion.TrySetException(refusal.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                ? new TransactionConflictException(
                    refusal is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "transactions" }
                        ? "The transaction was already decided as aborted by a participant that gave up waiting."
                        : refusal.MessageText,
                    refusal)
                : refusal);
            return;
        }

        // Refusals are rare (they follow a membership change, or a participant that gave up waiting for a verdict), and
        // the error does not say reliably which statement failed: each commit goes again alone (all fail if the fence did).
        await Task.WhenAll(group.Select(c => CommitGroupAsync([c])));
    }

    /// <summary>
    /// Adds the commit's writes to <paramref name="rows"/> and its read models' statements to <paramref name="projected"/>;
    /// false (and the commit failed, nothing of it added) if building them threw.
    /// </summary>
    private bool TryAppend(PendingCommit commit, StateRows rows, ProjectionCommands projected)
    {
        var commands = new ProjectionCommands();
        if (_projections is not null)
        {
            try
            {
                foreach (var write in commit.Writes)
                {
                    _ = write.State is { } state
                        ? _projections.Append(commands, write.GrainId, write.StateName, state)
                        : _projections.AppendJson(commands, write.GrainId, write.StateName, write.Json);
                }
            }
            catch (Exception exception)
            {
                commit.Completion.TrySetException(exception);
                return false;
            }
        }

        rows.Add(commit);
        projected.AddFrom(commands);
        return true;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    public async Task<TransactionStatus> FenceAsync(Guid transactionId, CancellationToken cancellationToken)
    {
        // Two statements, two snapshots: the SELECT sees a verdict whose commit the INSERT had to wait for.
        await using var batch = _dataSource.CreateBatch();
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
        await using var command = _dataSource.CreateCommand("DELETE FROM transactions WHERE decided_at < $1");
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

    private sealed class PendingCommit(Guid transactionId, IReadOnlyList<TransactionWrite> writes, IReadOnlyList<TransactionRead> reads)
    {
        public Guid TransactionId { get; } = transactionId;

        public IReadOnlyList<TransactionWrite> Writes { get; } = writes;

        public IReadOnlyList<TransactionRead> Reads { get; } = reads;

        public TaskCompletionSource<IReadOnlyList<long>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The verdicts and state rows of a batch's commits, by kind, sent as one statement per kind.</summary>
    private sealed class StateRows
    {
        private readonly List<Guid> _transactionIds = [];
        private readonly List<TransactionWrite> _updates = [];
        private readonly List<TransactionWrite> _inserts = [];

        public void Add(PendingCommit commit)
        {
            _transactionIds.Add(commit.TransactionId);
            foreach (var write in commit.Writes)
            {
                (write.ExpectedVersion is null ? _inserts : _updates).Add(write);
            }
        }

        public void AppendTo(NpgsqlBatch batch)
        {
            batch.BatchCommands.Add(Command(RecordSql, new NpgsqlParameter<Guid[]> { TypedValue = [.. _transactionIds] }));
            if (_updates.Count > 0)
            {
                var command = Command(UpdateSql, Columns(_updates));
                command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. _updates.Select(w => w.ExpectedVersion!.Value)] });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _updates.Count });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Stale(_updates) });
                batch.BatchCommands.Add(command);
            }

            if (_inserts.Count > 0)
            {
                var command = Command(InsertSql, Columns(_inserts));
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _inserts.Count });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Stale(_inserts) });
                batch.BatchCommands.Add(command);
            }
        }

        private static NpgsqlParameter[] Columns(List<TransactionWrite> writes) =>
        [
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.GrainId.Type)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.GrainId.Key)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.StateName)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Json)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
        ];

        /// <summary>What a refusal says: the state, or the few states of a commit sent alone (one of them), or how many.</summary>
        private static string Stale(List<TransactionWrite> writes) => writes.Count switch
        {
            1 => Describe(writes[0]),
            <= 8 => $"one of these: {string.Join("; ", writes.Select(Describe))}",
            _ => $"one of {writes.Count} states written is no longer at the version it was copied from",
        };

        private static string Describe(TransactionWrite write) =>
            $"{write.GrainId}/{write.StateName} is no longer at version {write.ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
    }
}
