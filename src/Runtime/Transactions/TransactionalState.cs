using System.Text.Json;
using GrainMarket.Runtime.Storage;

namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// A grain's transactional state: the committed value, plus — for the one transaction holding the write lock —
/// a private copy that becomes the committed value only on that transaction's commit. A lock held past the
/// lease without a verdict is settled by the database (<see cref="ITransactionStore.FenceAsync"/>), never guessed.
/// </summary>
internal sealed class TransactionalState<TState> : ITransactionalState<TState>, IActivationStateParticipant, ITransactionParticipant
    where TState : class, new()
{
    private readonly Lock _sync = new();
    private readonly GrainId _grainId;
    private readonly string _stateName;
    private readonly IGrainStorage _storage;
    private readonly TransactionAgent _agent;
    private readonly TransactionLock _lock;
    private readonly Dictionary<TransactionInfo, ITimer> _leases = [];
    private readonly Dictionary<TransactionInfo, long?> _readVersions = [];
    private TState _committed = new();
    private long? _version;
    private TState? _pending;
    private TransactionInfo? _pendingFor;

    /// <summary>The committed state as <see cref="_pending"/> was copied from it: a copy still equal to it votes as a read.</summary>
    private string? _pendingJson;

    /// <summary>The JSON <see cref="_pending"/> was prepared as: once committed, the next copy is taken from it.</summary>
    private string? _preparedJson;

    /// <summary><see cref="_committed"/> as this runtime serializes it, when known (it was written from here); null after a load.</summary>
    private string? _committedJson;

    /// <summary>The load: done by the activation before the grain runs, or (a record) at the first read or update.</summary>
    private Task? _loading;

    /// <summary>The version <see cref="_pending"/> was copied from: the version its write expects.</summary>
    private long? _pendingBase;
    private long _membershipSeen;
    private long _secondLookAt = long.MaxValue;

    public TransactionalState(GrainId grainId, string stateName, IGrainStorage storage, TransactionAgent agent)
    {
        _grainId = grainId;
        _stateName = stateName;
        _storage = storage;
        _agent = agent;
        _lock = new TransactionLock(agent.TimeProvider, agent.Options.TransactionLockWaitTimeout, agent.Options.TransactionWoundAfter, $"{grainId}/{stateName}");
    }

    public bool IsBusy => _lock.IsHeld;

    /// <summary>Nothing holds, waits for or is loading this state: a record in this condition may be dropped from memory.</summary>
    public bool IsIdle => _loading is { IsCompleted: true } && !_lock.IsHeld && !_lock.HasWaiters;

    public GrainId GrainId => _grainId;

    public string StateName => _stateName;

    public Task LoadAsync(CancellationToken cancellationToken)
    {
        var loading = ReadAsync(cancellationToken);
        _loading = loading;
        return loading;
    }

    /// <summary>
    /// Takes the state as never written, without reading it (see <see cref="ITransactionalRecords{TRecord}.Unwritten"/>):
    /// its first write is an insert, which the database refuses if the row exists after all; the refusal makes the state
    /// read itself (<see cref="RefreshAsync"/>) before the next attempt.
    /// </summary>
    public void AssumeUnwritten()
    {
        _membershipSeen = _agent.MembershipVersion;
        _loading = Task.CompletedTask;
    }

    /// <summary>
    /// Loads the state unless it is loaded already; a failed load is tried again at the next access. Called from the
    /// grain's turns, one at a time; a second load that raced the first could only adopt a newer version.
    /// </summary>
    private Task EnsureLoadedAsync()
    {
        if (_loading is null or { IsFaulted: true } or { IsCanceled: true })
        {
            _loading = ReadAsync(CancellationToken.None);
        }

        return _loading;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        _membershipSeen = _agent.MembershipVersion;
        await AdoptStoredAsync(cancellationToken);
    }

    /// <summary>Reads the stored state and adopts it unless this state already has it or a newer one.</summary>
    private async Task AdoptStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await _storage.ReadAsync<TState>(_grainId, _stateName, cancellationToken);
        var version = Etags.Parse(stored.Etag, _storage.GetType().Name);
        lock (_sync)
        {
            if (_version is null || version > _version)
            {
                _committed = stored.State ?? new TState();
                _committedJson = null;
                _version = version;
            }
        }
    }

    public async Task<TResult> PerformRead<TResult>(Func<TState, TResult> readFunction)
    {
        ArgumentNullException.ThrowIfNull(readFunction);
        var transaction = Require();
        await EnsureLoadedAsync();
        await CatchUpAfterMembershipChangeAsync();
        await _lock.AcquireAsync(transaction, write: false);
        Enlist(transaction);
        lock (_sync)
        {
            if (_pendingFor == transaction)
            {
                return readFunction(_pending!);
            }

            _readVersions.TryAdd(transaction, _version);
            return readFunction(_committed);
        }
    }

    public async Task<TResult> PerformUpdate<TResult>(Func<TState, TResult> updateFunction)
    {
        ArgumentNullException.ThrowIfNull(updateFunction);
        var transaction = Require();
        await EnsureLoadedAsync();
        await CatchUpAfterMembershipChangeAsync();
        await _lock.AcquireAsync(transaction, write: true);
        Enlist(transaction);
        lock (_sync)
        {
            if (_pendingFor != transaction)
            {
                if (_readVersions.TryGetValue(transaction, out var readVersion) && readVersion != _version)
                {
                    throw transaction.Aborted(TransactionAbortReason.Conflict, $"{_grainId}/{_stateName} changed after this transaction read it");
                }

                _pendingJson = _committedJson ?? JsonSerializer.Serialize(_committed, _agent.Json);
                _pending = JsonSerializer.Deserialize<TState>(_pendingJson, _agent.Json) ?? new TState();
                _pendingBase = _version;
                _pendingFor = transaction;
            }

            try
            {
                return updateFunction(_pending!);
            }
            catch (Exception exception)
            {
                // The copy may be half-changed: the transaction can only abort now.
                transaction.MarkAbort(TransactionAbortReason.ParticipantFailed, exception.Message);
                throw;
            }
        }
    }

    TransactionVote ITransactionParticipant.Prepare(TransactionInfo transaction)
    {
        lock (_sync)
        {
            if (_pendingFor == transaction)
            {
                // The copy's own base, not the current version: a catch-up (RefreshAsync) may have moved the committed
                // state on since the copy was taken, and expecting the new version would write over that change (found by
                // the chaos run: a wallet lost a hold another activation had committed).
                var json = JsonSerializer.Serialize(_pending, _agent.Json);
                _preparedJson = json;
                return json == _pendingJson
                    ? new TransactionVote(null, new TransactionRead(_grainId, _stateName, _pendingBase)) // changed nothing: a read
                    : new TransactionVote(new TransactionWrite(_grainId, _stateName, _pendingBase, json) { State = _pending }, null);
            }

            var version = _readVersions.TryGetValue(transaction, out var read) ? read : _version;
            return new TransactionVote(null, new TransactionRead(_grainId, _stateName, version));
        }
    }

    void ITransactionParticipant.Commit(TransactionInfo transaction, long? newVersion)
    {
        lock (_sync)
        {
            if (_pendingFor == transaction && newVersion is not null)
            {
                _committed = _pending!;
                _committedJson = _preparedJson;
                _version = newVersion;
            }

            Forget(transaction);
        }

        _lock.Release(transaction);
    }

    void ITransactionParticipant.Abort(TransactionInfo transaction)
    {
        lock (_sync)
        {
            Forget(transaction);
        }

        _lock.Release(transaction);
        if (transaction.RefusedByStore)
        {
            // Someone else (a duplicate activation during a membership change) may have written this state: catch up
            // with the database, or every later transaction here would be refused the same way.
            _ = RefreshAsync();
        }
    }

    /// <summary>
    /// While membership changes, another activation of this grain may briefly exist and write; this one would then
    /// serve reads from an old copy for ever, since a read alone never meets a version check (found by the chaos run:
    /// an acknowledged step read back as an earlier one). So after each membership change the state is re-read once
    /// at the next access, and once more a few seconds later, after every silo has seen the change.
    /// </summary>
    private async Task CatchUpAfterMembershipChangeAsync()
    {
        var version = _agent.MembershipVersion;
        var now = _agent.TimeProvider.GetTimestamp();
        if (version != _membershipSeen)
        {
            _membershipSeen = version;
            _secondLookAt = now + (5 * _agent.TimeProvider.TimestampFrequency);
            await RefreshAsync();
        }
        else if (now >= _secondLookAt)
        {
            _secondLookAt = long.MaxValue;
            await RefreshAsync();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await AdoptStoredAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The next refused commit tries again.
            _agent.LogRefreshFailed(_grainId, exception);
        }
    }

    private static TransactionInfo Require() =>
        TransactionContext.Current
        ?? throw new InvalidOperationException(
            "Transactional state is read and changed only inside a transaction: mark the grain method [Transaction(...)] or use ITransactionClient.RunTransaction.");

    private void Enlist(TransactionInfo transaction)
    {
        transaction.Enlist(this);
        lock (_sync)
        {
            if (!_leases.ContainsKey(transaction))
            {
                _leases[transaction] = _agent.TimeProvider.CreateTimer(
                    static state => { var (self, tx) = ((TransactionalState<TState>, TransactionInfo))state!; _ = self.SettleAbandonedAsync(tx); },
                    (this, transaction),
                    _agent.Options.TransactionLockLease,
                    Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Called under <see cref="_sync"/>: drops the transaction's copy, read version and lease.</summary>
    private void Forget(TransactionInfo transaction)
    {
        if (_pendingFor == transaction)
        {
            _pending = null;
            _pendingJson = null;
            _preparedJson = null;
            _pendingFor = null;
        }

        _readVersions.Remove(transaction);
        if (_leases.Remove(transaction, out var lease))
        {
            lease.Dispose();
        }
    }

    /// <summary>The lease ran out with no verdict: the coordinator may be gone, so the database decides.</summary>
    private async Task SettleAbandonedAsync(TransactionInfo transaction)
    {
        if (!_lock.IsHeldBy(transaction))
        {
            return;
        }

        try
        {
            var status = await _agent.SettleAsync(transaction);
            if (status == TransactionStatus.Committed)
            {
                // The commit wrote this state's row: converge to what the database holds.
                var stored = await _storage.ReadAsync<TState>(_grainId, _stateName, CancellationToken.None);
                lock (_sync)
                {
                    _committed = stored.State ?? new TState();
                    _committedJson = null;
                    _version = Etags.Parse(stored.Etag, _storage.GetType().Name);
                    Forget(transaction);
                }

                _lock.Release(transaction);
            }
            else
            {
                ((ITransactionParticipant)this).Abort(transaction);
            }
        }
        catch (Exception exception)
        {
            // The database could not be asked: keep the lock and try again after another lease.
            _agent.LogSettleFailed(transaction.Id, _grainId, exception);
            lock (_sync)
            {
                if (_leases.TryGetValue(transaction, out var lease))
                {
                    lease.Change(_agent.Options.TransactionLockLease, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
