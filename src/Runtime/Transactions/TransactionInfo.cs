namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// One running transaction as its coordinator sees it: identity, age (for wound-wait), the participants it touched,
/// and whether something already doomed it.
/// </summary>
internal sealed class TransactionInfo(Guid id, long startTicks)
{
    private readonly Lock _lock = new();
    private readonly List<ITransactionParticipant> _participants = [];
    private readonly HashSet<string> _remoteSilos = new(StringComparer.Ordinal);
    private bool _sealed;
    private Action? _onWounded;
    private int _lockWaits;
    private bool _olderWaitsOnThis;

    public Guid Id { get; } = id;

    /// <summary>Start time in UTC ticks: the older transaction wins conflicts (wound-wait).</summary>
    public long StartTicks { get; } = startTicks;

    /// <summary>For a transaction joined from another silo: the silo that coordinates it.</summary>
    public string? CoordinatorSiloId { get; init; }

    public TransactionAbortReason? AbortReason { get; private set; }

    public string? AbortMessage { get; private set; }

    /// <summary>The commit point refused the transaction because a version it named was out of date: some participant's state is stale.</summary>
    public bool RefusedByStore { get; set; }

    public bool IsOlderThan(TransactionInfo other) =>
        StartTicks < other.StartTicks || (StartTicks == other.StartTicks && Id.CompareTo(other.Id) < 0);

    /// <summary>Records a participant; fails once the coordinator has started to commit.</summary>
    public void Enlist(ITransactionParticipant participant)
    {
        lock (_lock)
        {
            if (_sealed)
            {
                throw new InvalidOperationException($"Transaction {Id} is already committing; no participant may join it now.");
            }

            if (!_participants.Contains(participant))
            {
                _participants.Add(participant);
            }
        }
    }

    /// <summary>Other silos that hold participants of this transaction (learned from call responses).</summary>
    public IReadOnlyList<string> RemoteSilos
    {
        get
        {
            lock (_lock)
            {
                return [.. _remoteSilos];
            }
        }
    }

    public bool HasParticipants
    {
        get
        {
            lock (_lock)
            {
                return _participants.Count > 0;
            }
        }
    }

    public void AddRemoteSilos(IEnumerable<string> siloIds, string? localSiloId)
    {
        lock (_lock)
        {
            foreach (var siloId in siloIds)
            {
                if (siloId != localSiloId)
                {
                    _remoteSilos.Add(siloId);
                }
            }
        }
    }

    /// <summary>Closes the participant list and returns it.</summary>
    public IReadOnlyList<ITransactionParticipant> Seal()
    {
        lock (_lock)
        {
            _sealed = true;
            return [.. _participants];
        }
    }

    /// <summary>
    /// Wound-wait: an older transaction needs a lock this one holds, and this one may be keeping it waiting for good.
    /// Unless this one is already committing, it is doomed, and a lock wait it is in fails at once so that it releases
    /// what it holds.
    /// </summary>
    public void Wound(string message)
    {
        Action? onWounded;
        lock (_lock)
        {
            if (_sealed || AbortReason is not null)
            {
                return;
            }

            AbortReason = TransactionAbortReason.Conflict;
            AbortMessage = message;
            onWounded = _onWounded;
        }

        onWounded?.Invoke();
        WoundedHere?.Invoke();
    }

    /// <summary>
    /// An older transaction waits for a lock this one holds. While this one runs, it is left to finish (it releases the
    /// lock at its verdict); if it is, or starts, waiting for a lock itself, it may be in a cycle of waits and is
    /// wounded (<see cref="BeginLockWait"/>). So the waits of one silo never form a cycle, and a transaction is only
    /// doomed for one that could have.
    /// </summary>
    public void OlderWaitsOnThis(TransactionInfo older)
    {
        bool wound;
        lock (_lock)
        {
            _olderWaitsOnThis = true;
            wound = _lockWaits > 0;
        }

        if (wound)
        {
            Wound($"wounded by older transaction {older.Id}, which waits for a lock this one holds while this one waits for another");
        }
    }

    /// <summary>This transaction starts waiting for a lock on this silo; see <see cref="OlderWaitsOnThis"/>.</summary>
    public void BeginLockWait()
    {
        bool wound;
        lock (_lock)
        {
            _lockWaits++;
            wound = _olderWaitsOnThis;
        }

        if (wound)
        {
            Wound("wounded: it waits for a lock while an older transaction waits for one it holds");
        }
    }

    public void EndLockWait()
    {
        lock (_lock)
        {
            _lockWaits--;
        }
    }

    /// <summary>
    /// Runs after this silo wounded the transaction, so that its other silos hear of it: a wounded transaction may
    /// be waiting for a lock elsewhere, and must stop waiting there too.
    /// </summary>
    public Action? WoundedHere { get; set; }

    /// <summary>Registers what to do if this transaction is wounded while it waits for a lock (null when the wait ends).</summary>
    public void OnWounded(Action? action)
    {
        lock (_lock)
        {
            _onWounded = action;
        }
    }

    /// <summary>Dooms the transaction: the first reason given is the one reported.</summary>
    public void MarkAbort(TransactionAbortReason reason, string message)
    {
        lock (_lock)
        {
            if (AbortReason is null)
            {
                AbortReason = reason;
                AbortMessage = message;
            }
        }
    }

    public TransactionAbortedException Aborted(TransactionAbortReason reason, string message, Exception? inner = null)
    {
        MarkAbort(reason, message);
        return new TransactionAbortedException(Id, reason, message, inner);
    }

    public override string ToString() => Id.ToString();
}
