using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// One grain's transactional state in <c>orleans_transactional_state</c>: every store rewrites the state's single
/// row with one version-checked statement, and when the store advances the committed state, the read-model
/// statements of <see cref="IStateProjection{TState}"/> go in the same PostgreSQL transaction.
/// </summary>
/// <remarks>
/// Orleans calls <see cref="Load"/> first and after every failed <see cref="Store"/>, and never runs two calls at
/// once. The prepared states it hands over are snapshots it no longer changes, so they are kept as they are.
/// </remarks>
internal sealed class PostgresTransactionalStateStorage<TState>(
    StateTable table,
    Serializer serializer,
    GrainId grainId,
    string stateName,
    IStateProjection<TState>? projection) : ITransactionalStateStorage<TState>
    where TState : class, new()
{
    private readonly string _grainId = grainId.ToString();
    private long? _version;
    private long _committedSequenceId;
    private TState? _committed;
    private List<PendingTransactionState<TState>> _pending = [];
    private bool _storeRequiresLoad = true;

    private string? ETag => _version?.ToString(CultureInfo.InvariantCulture);

    public async Task<TransactionalStorageLoadResponse<TState>> Load()
    {
        var row = await table.LoadTransactionalStateAsync(_grainId, stateName);
        if (row is null)
        {
            (_version, _committedSequenceId, _committed, _pending) = (null, 0, null, []);
            _storeRequiresLoad = false;
            return new TransactionalStorageLoadResponse<TState>();
        }

        _version = row.Version;
        _committedSequenceId = row.CommittedSequenceId;
        _committed = row.CommittedState is null ? null : Read<TState>(row.CommittedState);
        _pending = row.Pending is null ? [] : Read<List<PendingTransactionState<TState>>>(row.Pending);
        var metadata = Read<TransactionalStateMetaData>(row.Metadata);
        _storeRequiresLoad = false;
        return new TransactionalStorageLoadResponse<TState>(ETag, _committed ?? new TState(), _committedSequenceId, metadata, [.. _pending]);
    }

    public async Task<string> Store(
        string? expectedETag,
        TransactionalStateMetaData metadata,
        List<PendingTransactionState<TState>>? statesToPrepare,
        long? commitUpTo,
        long? abortAfter)
    {
        if (_storeRequiresLoad)
        {
            throw new InvalidOperationException($"Transactional state {_grainId}/{stateName} must be loaded again before it is stored: the last store failed.");
        }

        if (!string.Equals(expectedETag, ETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"Transactional state {_grainId}/{stateName} is at version {ETag ?? "none"}, not {expectedETag ?? "none"}.", expectedETag ?? "none", ETag ?? "none");
        }

        var pending = new List<PendingTransactionState<TState>>(_pending);
        if (abortAfter is { } abortAbove)
        {
            pending.RemoveAll(state => state.SequenceId > abortAbove);
        }

        // A prepared state at or below what is already committed is obsolete on arrival.
        foreach (var state in statesToPrepare ?? [])
        {
            if (state.SequenceId <= _committedSequenceId)
            {
                continue;
            }

            var at = pending.FindIndex(existing => existing.SequenceId >= state.SequenceId);
            if (at < 0)
            {
                pending.Add(state);
            }
            else if (pending[at].SequenceId == state.SequenceId)
            {
                pending[at] = state;
            }
            else
            {
                pending.Insert(at, state);
            }
        }

        TState? committed = null;
        var committedSequenceId = _committedSequenceId;
        ProjectionCommands? projected = null;
        if (commitUpTo is { } upTo && upTo > _committedSequenceId)
        {
            committed = pending.Find(state => state.SequenceId == upTo)?.State
                ?? throw new InvalidOperationException($"Transactional state {_grainId}/{stateName} has no prepared state {upTo} to commit.");
            committedSequenceId = upTo;
            projected = Project(pending.TakeWhile(state => state.SequenceId <= upTo));
            pending.RemoveAll(state => state.SequenceId <= upTo);
        }

        var command = table.StoreTransactionalStateCommand(
            _grainId,
            stateName,
            _version,
            committedSequenceId,
            committed is null ? null : serializer.SerializeToArray(committed),
            serializer.SerializeToArray(metadata),
            pending.Count == 0 ? null : serializer.SerializeToArray(pending));

        try
        {
            await table.WriteAsync(command, projected);
        }
        catch
        {
            // Some, all or none of it may be durable: only a load tells.
            _storeRequiresLoad = true;
            throw;
        }

        _version = (_version ?? 0) + 1;
        _pending = pending;
        if (committed is not null)
        {
            (_committed, _committedSequenceId) = (committed, committedSequenceId);
        }

        return ETag!;
    }

    /// <summary>
    /// The read-model statements for the transactions this store commits, projected one transaction at a time, so that
    /// each projection sees exactly what one transaction changed (Orleans confirms several at once when stores queue up).
    /// </summary>
    private ProjectionCommands? Project(IEnumerable<PendingTransactionState<TState>> committing)
    {
        if (projection is null)
        {
            return null;
        }

        var commands = new ProjectionCommands();
        var previous = _committed ?? new TState();
        foreach (var transaction in committing)
        {
            projection.Project(new StateProjectionContext(grainId, stateName), previous, transaction.State, commands);
            previous = transaction.State;
        }

        return commands;
    }

    private T Read<T>(byte[] payload) =>
        serializer.Deserialize<T>(payload) ?? throw new InvalidOperationException($"Transactional state {_grainId}/{stateName} holds an empty {typeof(T).Name}.");
}
