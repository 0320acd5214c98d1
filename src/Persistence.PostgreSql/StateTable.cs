using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// The silo's way into GrainMarket's state tables, <c>orleans_transactional_state</c> and <c>orleans_grain_state</c>:
/// loads rows, and writes with group commit — writes that arrive while earlier ones are on their way to PostgreSQL
/// wait and then go together, as one batch in one implicit transaction (one round trip, one WAL flush). When the
/// server refuses a shared batch, each of its writes is sent again alone, so only the refused ones fail.
/// </summary>
public sealed partial class StateTable : IAsyncDisposable
{
    // Raised by the state functions and orleans_assert_silo_alive (db/0012_transactional_state.sql, db/0013_grain_state.sql).
    internal const string VersionConflict = "GM001";
    internal const string SiloDeclaredDead = "GM002";

    private const string LoadTransactionalSql = """
        SELECT version, committed_sequence_id, committed_state, metadata, pending
        FROM orleans_transactional_state
        WHERE service_id = $1 AND grain_id = $2 AND state_name = $3
        """;

    private const string StoreTransactionalSql = "SELECT orleans_store_transactional_state($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private const string LoadGrainSql = """
        SELECT version, payload
        FROM orleans_grain_state
        WHERE service_id = $1 AND grain_id = $2 AND state_name = $3
        """;

    private const string WriteGrainSql = "SELECT orleans_write_grain_state($1, $2, $3, $4, $5)";
    private const string ClearGrainSql = "SELECT orleans_clear_grain_state($1, $2, $3, $4)";
    private const string FenceSql = "SELECT orleans_assert_silo_alive($1, $2, $3, $4)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStorageOptions _options;
    private readonly ILocalSiloDetails _silo;
    private readonly string _clusterId;
    private readonly ILogger<StateTable> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _senders;
    private readonly Task _pump;
    private long _batchesSent;
    private long _writesSent;

    /// <summary>Creates the table gateway and starts its group-commit loop.</summary>
    public StateTable(
        IOptions<PostgresStorageOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILocalSiloDetails silo,
        ILogger<StateTable> logger)
    {
        _options = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.ConnectionString, "PostgresStorageOptions.ConnectionString");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentBatches, 1);
        _dataSource = NpgsqlDataSource.Create(_options.ConnectionString);
        _silo = silo;
        _clusterId = clusterOptions.Value.ClusterId;
        ServiceId = clusterOptions.Value.ServiceId;
        _logger = logger;
        _senders = new SemaphoreSlim(_options.MaxConcurrentBatches);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The Orleans service id every row of this silo is keyed by.</summary>
    public string ServiceId { get; }

    /// <summary>How many batches went to PostgreSQL and how many writes they carried (a write sent again alone counts again).</summary>
    internal (long Batches, long Writes) Sent => (Interlocked.Read(ref _batchesSent), Interlocked.Read(ref _writesSent));

    /// <summary>Reads one transactional state's row, or <see langword="null"/> when it has never been stored.</summary>
    internal async Task<StoredTransactionalState?> LoadTransactionalStateAsync(string grainId, string stateName)
    {
        await using var command = KeyedCommand(LoadTransactionalSql, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new StoredTransactionalState(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2),
            reader.GetFieldValue<byte[]>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4));
    }

    /// <summary>The statement that stores one transactional state; it raises <see cref="VersionConflict"/> unless the row is at <paramref name="expectedVersion"/>.</summary>
    internal NpgsqlBatchCommand StoreTransactionalStateCommand(string grainId, string stateName, long? expectedVersion, long committedSequenceId, byte[]? committedState, byte[] metadata, byte[]? pending)
    {
        var command = new NpgsqlBatchCommand(StoreTransactionalSql);
        AddKey(command.Parameters, grainId, stateName);
        command.Parameters.Add(Nullable(NpgsqlDbType.Bigint, expectedVersion));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = committedSequenceId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = committedState is not null });
        command.Parameters.Add(Nullable(NpgsqlDbType.Bytea, committedState));
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = metadata });
        command.Parameters.Add(Nullable(NpgsqlDbType.Bytea, pending));
        return command;
    }

    /// <summary>Reads one grain state's row, or <see langword="null"/> when there is none.</summary>
    internal async Task<StoredGrainState?> LoadGrainStateAsync(string grainId, string stateName)
    {
        await using var command = KeyedCommand(LoadGrainSql, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredGrainState(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>The statement that writes one grain state; it raises <see cref="VersionConflict"/> unless the row is at <paramref name="expectedVersion"/> (none: no row).</summary>
    internal NpgsqlBatchCommand WriteGrainStateCommand(string grainId, string stateName, long? expectedVersion, byte[] payload)
    {
        var command = new NpgsqlBatchCommand(WriteGrainSql);
        AddKey(command.Parameters, grainId, stateName);
        command.Parameters.Add(Nullable(NpgsqlDbType.Bigint, expectedVersion));
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        return command;
    }

    /// <summary>The statement that deletes one grain state's row; it raises <see cref="VersionConflict"/> unless the row is at <paramref name="expectedVersion"/> (none: no row).</summary>
    internal NpgsqlBatchCommand ClearGrainStateCommand(string grainId, string stateName, long? expectedVersion)
    {
        var command = new NpgsqlBatchCommand(ClearGrainSql);
        AddKey(command.Parameters, grainId, stateName);
        command.Parameters.Add(Nullable(NpgsqlDbType.Bigint, expectedVersion));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="stateCommand"/> and the statements of <paramref name="projection"/> in one PostgreSQL
    /// transaction, possibly in the same batch as other writes (whose <see cref="ProjectionRows"/> then share statements).
    /// Completes once they are durable; throws <see cref="InconsistentStateException"/> when a version check refused
    /// them and <see cref="SiloDeclaredDeadException"/> when this silo has been declared dead.
    /// </summary>
    internal Task WriteAsync(NpgsqlBatchCommand stateCommand, ProjectionCommands? projection)
    {
        var write = new PendingWrite(stateCommand, projection);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(write), this);
        return write.Completion.Task;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
        // Wait for the batches still on their way.
        for (var i = 0; i < _options.MaxConcurrentBatches; i++)
        {
            await _senders.WaitAsync();
        }

        await _dataSource.DisposeAsync();
        _senders.Dispose();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Taking a sender first lets the writes that arrive meanwhile join this batch.
            await _senders.WaitAsync();
            var batch = new List<PendingWrite>();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            _ = SendAndReleaseAsync(batch);
        }
    }

    private async Task SendAndReleaseAsync(List<PendingWrite> batch)
    {
        try
        {
            await SendAsync(batch);
        }
        finally
        {
            _senders.Release();
        }
    }

    private async Task SendAsync(List<PendingWrite> writes)
    {
        try
        {
            await ExecuteAsync(writes);
            foreach (var write in writes)
            {
                write.Completion.TrySetResult();
            }
        }
        catch (PostgresException refused) when (writes.Count > 1 && refused.SqlState != SiloDeclaredDead)
        {
            // The refusal rolled back the whole batch; each write alone (in commands of its own) finds out whether it
            // was the refused one.
            LogBatchRefused(_logger, writes.Count, refused.SqlState);
            foreach (var write in writes)
            {
                await SendAsync([write.Copy()]);
            }
        }
        catch (Exception failure)
        {
            var translated = Translate(failure);
            foreach (var write in writes)
            {
                write.Completion.TrySetException(translated);
            }
        }
    }

    private async Task ExecuteAsync(List<PendingWrite> writes)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        if (_options.FenceDeadSilo)
        {
            batch.BatchCommands.Add(FenceCommand());
        }

        var projections = new ProjectionCommands();
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(write.StateCommand);
            if (write.Projection is not null)
            {
                projections.AddFrom(write.Projection);
            }
        }

        foreach (var command in projections.Commands)
        {
            batch.BatchCommands.Add(command);
        }

        Interlocked.Increment(ref _batchesSent);
        Interlocked.Add(ref _writesSent, writes.Count);
        try
        {
            await batch.ExecuteNonQueryAsync();
        }
        catch (PostgresException refused) when (refused.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // A value the server cannot even bind (class 22: a NUL in text, an untranslatable character) can leave the
            // connection's auto-prepared statements out of step with what Npgsql believes (seen: the next write on it
            // bound to another statement, 08P01). Forgetting them on both sides before the connection goes back to the
            // pool keeps the writes sent again on it from inheriting that. Only then: version conflicts and constraint
            // refusals are common under contention, and re-preparing after each would cost every write.
            connection.UnprepareAll();
            throw;
        }
        finally
        {
            // The commands go again in a batch of their own if this one was refused.
            batch.BatchCommands.Clear();
        }
    }

    private NpgsqlCommand KeyedCommand(string sql, string grainId, string stateName)
    {
        var command = _dataSource.CreateCommand(sql);
        AddKey(command.Parameters, grainId, stateName);
        return command;
    }

    private void AddKey(NpgsqlParameterCollection parameters, string grainId, string stateName)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
    }

    private static NpgsqlParameter Nullable<T>(NpgsqlDbType type, T? value) => new()
    {
        NpgsqlDbType = type,
        Value = value is null ? DBNull.Value : value,
    };

    private NpgsqlBatchCommand FenceCommand()
    {
        var endpoint = _silo.SiloAddress.Endpoint;
        var command = new NpgsqlBatchCommand(FenceSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = endpoint.Address.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = endpoint.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _silo.SiloAddress.Generation });
        return command;
    }

    private Exception Translate(Exception failure) => failure switch
    {
        PostgresException { SqlState: VersionConflict } conflict => new InconsistentStateException(conflict.MessageText, conflict),
        PostgresException { SqlState: SiloDeclaredDead } dead => new SiloDeclaredDeadException(
            $"Silo {_silo.SiloAddress} is declared dead in cluster {_clusterId}; its write was refused.", dead),
        _ => failure,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {WriteCount} transactional state writes was refused ({SqlState}); sending each alone")]
    private static partial void LogBatchRefused(ILogger logger, int writeCount, string sqlState);

    private sealed class PendingWrite(NpgsqlBatchCommand stateCommand, ProjectionCommands? projection)
    {
        public NpgsqlBatchCommand StateCommand { get; } = stateCommand;

        public ProjectionCommands? Projection { get; } = projection;

        public TaskCompletionSource Completion { get; private init; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The same write in new commands, completing the same task.</summary>
        public PendingWrite Copy() => new(ProjectionCommands.CopyOf(StateCommand), Projection?.Copy()) { Completion = Completion };
    }
}
