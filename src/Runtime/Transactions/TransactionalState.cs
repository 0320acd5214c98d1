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

    public GrainId GrainId => _grainId;

    public string StateName => _stateName;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _membershipSeen = _agent.MembershipVersion;
        var stored = await _storage.ReadAsync<TState>(_grainId, _stateName, cancellationToken);
        lock (_sync)
        {
            _committed = stored.State ?? new TState();
            _version = Etags.Parse(stored.Etag, _storage.GetType().Name);
        }
    }

    public async Task<TResult> PerformRead<TResult>(Func<TState, TResult> readFunction)
    {
        ArgumentNullException.ThrowIfNull(readFunction);
        var transaction = Require();
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

                _pending = Copy(_committed);
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
                return new TransactionVote(new TransactionWrite(_grainId, _stateName, _pendingBase, JsonSerializer.Serialize(_pending, _agent.Json)), null);
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
            var stored = await _storage.ReadAsync<TState>(_grainId, _stateName, CancellationToken.None);
            var version = Etags.Parse(stored.Etag, _storage.GetType().Name);
            lock (_sync)
            {
                if (version > (_version ?? 0))
                {
                    _committed = stored.State ?? new TState();
                    _version = version;
                }
            }
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

    private TState Copy(TState state) =>
        JsonSerializer.Deserialize<TState>(JsonSerializer.Serialize(state, _agent.Json), _agent.Json) ?? new TState();

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
