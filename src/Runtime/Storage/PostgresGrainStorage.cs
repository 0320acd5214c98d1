using System.Text.Json;
using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Database;
using GrainMarket.Runtime.Projections;
using GrainMarket.Runtime.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Runtime.Storage;

/// <summary>
/// Grain state in the <c>grain_state</c> table: one row per (grain type, key, state name) with a version that grows
/// by one on every write or clear. Every change is conditional on the version, so PostgreSQL, not the cluster's
/// membership, decides which of two activations of the same grain wins. A state with an <see cref="IStateProjection"/>
/// is written in a database transaction together with its read model.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private const string Key = "grain_type = @type AND grain_key = @key AND state_name = @name";

    private const string ReadSql = $"SELECT version, state FROM grain_state WHERE {Key}";

    /// <summary>The most reads one round trip carries.</summary>
    private const int MaxReadsPerBatch = 64;

    private const string ReadVersionSql = $"SELECT version FROM grain_state WHERE {Key}";

    private readonly NpgsqlDataSource _dataSource;
    private readonly GrainJsonOptions _json;
    private readonly WriteFence? _fence;
    private readonly StateProjections? _projections;
    private readonly RowChange _insert;
    private readonly RowChange _update;
    private readonly RowChange _clear;
    private readonly BatchQueue<PendingRead> _reads;

    /// <summary>Creates the storage; in a cluster, <paramref name="fence"/> makes every write fail once this silo is declared dead.</summary>
    internal PostgresGrainStorage(NpgsqlDataSource dataSource, GrainJsonOptions json, WriteFence? fence, StateProjections? projections = null)
    {
        _dataSource = dataSource;
        _json = json;
        _fence = fence;
        _projections = projections;
        _reads = new BatchQueue<PendingRead>(MaxReadsPerBatch, ReadGroupAsync);
        var guard = fence is null ? "TRUE" : WriteFence.Condition;
        _insert = new($"""
            INSERT INTO grain_state (grain_type, grain_key, state_name, version, state, updated_at)
            SELECT @type, @key, @name, 1, @state, now() WHERE {guard}
            ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
            RETURNING version
            """);
        _update = new($"""
            UPDATE grain_state SET state = @state, version = version + 1, updated_at = now()
            WHERE {Key} AND version = @expected AND {guard}
            RETURNING version
            """);
        _clear = new($"""
            UPDATE grain_state SET state = NULL, version = version + 1, updated_at = now()
            WHERE {Key} AND version = @expected AND {guard}
            RETURNING version
            """);
    }

    public PostgresGrainStorage(NpgsqlDataSource dataSource, GrainJsonOptions json) : this(dataSource, json, fence: null)
    {
    }

    /// <summary>
    /// Reads arriving while others are on their way go together, one round trip per group (<see cref="BatchQueue{T}"/>):
    /// a checkout loads its order, hold and reservations at once across many buyers.
    /// </summary>
    public async Task<StoredState<T>> ReadAsync<T>(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var read = new PendingRead(grainId, stateName);
        _reads.Enqueue(read);
        var (version, json) = await read.Completion.Task.WaitAsync(cancellationToken);
        if (version is null)
        {
            return new StoredState<T>(default, null, false);
        }

        // A null state is a tombstone: no data, but its version is what the next write must name.
        var etag = Etags.Format(version.Value);
        return json is null ? new StoredState<T>(default, etag, false) : new StoredState<T>(JsonSerializer.Deserialize<T>(json, _json.Options), etag, true);
    }

    /// <summary>One batch of single-row reads: each read gets its row, or (the batch failed) the error.</summary>
    private async Task ReadGroupAsync(List<PendingRead> group)
    {
        try
        {
            await using var batch = _dataSource.CreateBatch();
            foreach (var read in group)
            {
                var command = new NpgsqlBatchCommand(ReadSql);
                AddKey(command.Parameters, read.GrainId, read.StateName);
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync();
            foreach (var read in group)
            {
                var row = await reader.ReadAsync()
                    ? ((long?)reader.GetInt64(0), await reader.IsDBNullAsync(1) ? null : reader.GetString(1))
                    : (null, null);
                read.Completion.TrySetResult(row);
                await reader.NextResultAsync();
            }
        }
        catch (Exception exception)
        {
            group.ForEach(r => r.Completion.TrySetException(exception));
        }
    }

    public async Task<string> WriteAsync<T>(GrainId grainId, string stateName, T state, string? etag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var expected = Etags.Parse(etag, nameof(PostgresGrainStorage));
        var text = JsonSerializer.Serialize(state, _json.Options);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        Action<NpgsqlParameterCollection> parameters = p =>
        {
            p.Add(new NpgsqlParameter<string>("state", NpgsqlDbType.Jsonb) { TypedValue = text });
            if (expected is { } version)
            {
                p.Add(new NpgsqlParameter<long>("expected", version));
            }
        };
        if (await ChangeAsync(connection, expected is null ? _insert : _update, grainId, stateName, expected, parameters, state, cancellationToken))
        {
            // The write sets version = expected + 1; a first write sets 1.
            return Etags.Format((expected ?? 0) + 1);
        }

        await ThrowIfFencedAsync(connection, grainId, cancellationToken);
        var stored = await ReadVersionAsync(connection, grainId, stateName, cancellationToken);
        throw expected is null
            ? Conflict($"First write of state '{stateName}' of grain {grainId} failed: the state already exists (stored version {stored ?? "unknown"}).", stored, etag)
            : Conflict($"Write of state '{stateName}' of grain {grainId} expected version {etag} but the stored version is {stored ?? "missing"}.", stored, etag);
    }

    public async Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var expected = Etags.Parse(etag, nameof(PostgresGrainStorage));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (expected is null)
        {
            // Nothing was ever read, so there is nothing to clear, unless a row appeared that this caller never saw.
            var existing = await ReadVersionAsync(connection, grainId, stateName, cancellationToken);
            return existing is null
                ? null
                : throw Conflict($"Clear of state '{stateName}' of grain {grainId} expected no stored state but found version {existing}.", existing, etag);
        }

        Action<NpgsqlParameterCollection> parameters = p => p.Add(new NpgsqlParameter<long>("expected", expected.Value));
        if (await ChangeAsync<object>(connection, _clear, grainId, stateName, expected, parameters, state: null, cancellationToken))
        {
            return Etags.Format(expected.Value + 1);
        }

        await ThrowIfFencedAsync(connection, grainId, cancellationToken);
        var stored = await ReadVersionAsync(connection, grainId, stateName, cancellationToken);
        throw Conflict($"Clear of state '{stateName}' of grain {grainId} expected version {etag} but the stored version is {stored ?? "missing"}.", stored, etag);
    }

    /// <summary>
    /// Runs one conditional change of a state's row (<paramref name="change"/>, with the key, the fence's and
    /// <paramref name="addParameters"/>' parameters); false when it matched no row. A projected state's change goes in
    /// one batch with its read model's statements (<paramref name="state"/>, null when cleared): one round trip and one
    /// implicit database transaction, instead of BEGIN, the change, the read model's statements and COMMIT one after
    /// another. The change raises when it matches no row, which rolls the read model's statements back with it.
    /// Measured on 2 cores (<c>./grainmarket bench auction</c>, whose auction writes its bids' rows this way): the
    /// auction's writes went from 6.0 to 3.7 ms at p50, and the grain side from 3,768 to 5,621 accepted bids per second.
    /// </summary>
    private async Task<bool> ChangeAsync<T>(
        NpgsqlConnection connection, RowChange change, GrainId grainId, string stateName, long? expected,
        Action<NpgsqlParameterCollection> addParameters, T? state, CancellationToken cancellationToken)
    {
        if (_projections is null || !_projections.Has(grainId, stateName))
        {
            await using var single = CreateCommand(connection, change.Sql, grainId, stateName);
            _fence?.AddParameters(single.Parameters);
            addParameters(single.Parameters);
            return await single.ExecuteScalarAsync(cancellationToken) is long;
        }

        var stale = $"{grainId}/{stateName} is not at version {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
        await using var batch = new NpgsqlBatch(connection);
        var command = new NpgsqlBatchCommand(change.ExpectingOneRow);
        AddKey(command.Parameters, grainId, stateName);
        _fence?.AddParameters(command.Parameters);
        addParameters(command.Parameters);
        command.Parameters.Add(new NpgsqlParameter<string>("what", stale));
        batch.BatchCommands.Add(command);
        var projected = new ProjectionCommands();
        _projections.Append(projected, grainId, stateName, state);
        foreach (var projection in projected.Commands)
        {
            batch.BatchCommands.Add(projection);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.SerializationFailure && exception.MessageText.EndsWith(stale, StringComparison.Ordinal))
        {
            return false;
        }
    }

    private async Task ThrowIfFencedAsync(NpgsqlConnection connection, GrainId grainId, CancellationToken cancellationToken)
    {
        if (_fence is not null && await _fence.IsDeadAsync(connection, cancellationToken))
        {
            throw new InconsistentStateException($"Silo {_fence.SiloId} was declared dead by the cluster: it may not write {grainId} any more.");
        }
    }

    private static async Task<string?> ReadVersionAsync(NpgsqlConnection connection, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, ReadVersionSql, grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? Etags.Format(version) : null;
    }

    private static NpgsqlCommand CreateCommand(NpgsqlConnection connection, string sql, GrainId grainId, string stateName)
    {
        var command = new NpgsqlCommand(sql, connection);
        AddKey(command.Parameters, grainId, stateName);
        return command;
    }

    private static void AddKey(NpgsqlParameterCollection parameters, GrainId grainId, string stateName)
    {
        parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
        parameters.Add(new NpgsqlParameter<string>("key", grainId.Key));
        parameters.Add(new NpgsqlParameter<string>("name", stateName));
    }

    private static InconsistentStateException Conflict(string message, string? stored, string? expected) => new(message, stored, expected);

    /// <summary>A conditional change of a state's row that returns the new version, and the same made to raise (rolling its batch back) when it matches no row.</summary>
    private sealed record RowChange(string Sql)
    {
        public string ExpectingOneRow { get; } = $"WITH w AS ({Sql}) SELECT grainmarket_expect(count(*) = 1, @what) FROM w";
    }

    private sealed class PendingRead(GrainId grainId, string stateName)
    {
        public GrainId GrainId { get; } = grainId;

        public string StateName { get; } = stateName;

        /// <summary>The row's version and state: both null when there is no row, the state null for a tombstone.</summary>
        public TaskCompletionSource<(long? Version, string? Json)> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
