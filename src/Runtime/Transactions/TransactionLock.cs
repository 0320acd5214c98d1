namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// A transactional state's lock: shared for reads, exclusive for writes, held until the transaction's verdict.
/// Conflicts follow wound-wait, wounding only where a cycle of waits is possible: every requester waits (bounded);
/// a younger holder that an older requester waits for is wounded (doomed unless it is already committing) once it
/// waits for a lock itself (<see cref="TransactionInfo.OlderWaitsOnThis"/>), or, since a wait on another silo is
/// not seen here, once the older one has waited <paramref name="woundAfter"/>. A younger holder that is still running is
/// left to finish: wounding it at once, as plain wound-wait does, aborted 8% of the transfers of
/// <c>./grainmarket bench transactions</c>, and their retries were its slowest percent. Grants go oldest first.
/// </summary>
internal sealed class TransactionLock(TimeProvider timeProvider, TimeSpan waitTimeout, TimeSpan woundAfter, string owner)
{
    private readonly Lock _sync = new();
    private readonly List<TransactionInfo> _readers = [];
    private readonly List<Waiter> _waiters = [];
    private TransactionInfo? _writer;

    public bool IsHeld
    {
        get
        {
            lock (_sync)
            {
                return _writer is not null || _readers.Count > 0;
            }
        }
    }

    public bool HasWaiters
    {
        get
        {
            lock (_sync)
            {
                return _waiters.Count > 0;
            }
        }
    }

    public bool IsHeldBy(TransactionInfo transaction)
    {
        lock (_sync)
        {
            return _writer == transaction || _readers.Contains(transaction);
        }
    }

    public Task AcquireAsync(TransactionInfo transaction, bool write)
    {
        if (transaction.AbortReason is { } reason)
        {
            return Task.FromException(new TransactionAbortedException(transaction.Id, reason, transaction.AbortMessage ?? "aborted"));
        }

        Waiter waiter;
        List<TransactionInfo> younger;
        lock (_sync)
        {
            if (CanGrant(transaction, write))
            {
                Grant(transaction, write);
                return Task.CompletedTask;
            }

            waiter = new Waiter(transaction, write);
            var position = _waiters.FindIndex(w => transaction.IsOlderThan(w.Transaction));
            _waiters.Insert(position < 0 ? _waiters.Count : position, waiter);
            younger = [.. ConflictingHolders(transaction, write).Where(transaction.IsOlderThan)];
        }

        foreach (var holder in younger)
        {
            holder.OlderWaitsOnThis(transaction);
        }

        return WaitAsync(waiter, woundLater: younger.Count > 0);
    }

    /// <summary>Releases whatever <paramref name="transaction"/> holds and hands the lock on, oldest waiter first.</summary>
    public void Release(TransactionInfo transaction)
    {
        List<Waiter> granted = [];
        lock (_sync)
        {
            if (_writer == transaction)
            {
                _writer = null;
            }

            _readers.Remove(transaction);
            _waiters.RemoveAll(w => w.Transaction == transaction);

            // Oldest first; stop at the first that cannot be granted, so younger ones never overtake it.
            while (_waiters.Count > 0 && CanGrant(_waiters[0].Transaction, _waiters[0].Write))
            {
                var waiter = _waiters[0];
                _waiters.RemoveAt(0);
                Grant(waiter.Transaction, waiter.Write);
                granted.Add(waiter);
            }
        }

        foreach (var waiter in granted)
        {
            waiter.Completion.TrySetResult();
        }
    }

    private async Task WaitAsync(Waiter waiter, bool woundLater)
    {
        var transaction = waiter.Transaction;
        transaction.OnWounded(() => Withdraw(waiter, transaction.AbortMessage ?? "wounded"));
        transaction.BeginLockWait();
        try
        {
            // A wound that landed before the callback was registered is seen here.
            if (transaction.AbortReason is not null)
            {
                Withdraw(waiter, transaction.AbortMessage ?? "wounded");
            }

            var waited = TimeSpan.Zero;
            if (woundLater && woundAfter < waitTimeout)
            {
                waited = woundAfter;
                if (!await CompletesWithinAsync(waiter.Completion.Task, woundAfter))
                {
                    WoundYoungerHolders(transaction, waiter.Write);
                }
            }

            await waiter.Completion.Task.WaitAsync(waitTimeout - waited, timeProvider);
        }
        catch (TimeoutException)
        {
            if (Withdraw(waiter, null))
            {
                throw transaction.Aborted(
                    TransactionAbortReason.LockTimeout, $"waited {waitTimeout.TotalSeconds:0.###} s for the lock on {owner}");
            }

            // Granted just as the wait ran out: take the grant.
            await waiter.Completion.Task;
        }
        finally
        {
            transaction.EndLockWait();
            transaction.OnWounded(null);
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, timeProvider);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void WoundYoungerHolders(TransactionInfo transaction, bool write)
    {
        List<TransactionInfo> younger;
        lock (_sync)
        {
            younger = [.. ConflictingHolders(transaction, write).Where(transaction.IsOlderThan)];
        }

        foreach (var holder in younger)
        {
            holder.Wound($"wounded by older transaction {transaction.Id}, which waited {woundAfter.TotalMilliseconds:0} ms for a lock this one holds");
        }
    }

    /// <summary>Takes a waiter out of the queue; when <paramref name="woundMessage"/> is given, fails its wait. False if it was already granted.</summary>
    private bool Withdraw(Waiter waiter, string? woundMessage)
    {
        lock (_sync)
        {
            if (!_waiters.Remove(waiter))
            {
                return false;
            }
        }

        if (woundMessage is not null)
        {
            waiter.Completion.TrySetException(new TransactionAbortedException(waiter.Transaction.Id, TransactionAbortReason.Conflict, woundMessage));
        }

        return true;
    }

    private bool CanGrant(TransactionInfo transaction, bool write) =>
        write
            ? (_writer is null || _writer == transaction) && _readers.TrueForAll(r => r == transaction)
            : _writer is null || _writer == transaction;

    private void Grant(TransactionInfo transaction, bool write)
    {
        if (write)
        {
            _writer = transaction;
        }
        else if (!_readers.Contains(transaction))
        {
            _readers.Add(transaction);
        }
    }

    private IEnumerable<TransactionInfo> ConflictingHolders(TransactionInfo transaction, bool write)
    {
        if (_writer is not null && _writer != transaction)
        {
            yield return _writer;
        }

        if (write)
        {
            foreach (var reader in _readers)
            {
                if (reader != transaction)
                {
                    yield return reader;
                }
            }
        }
    }

    private sealed class Waiter(TransactionInfo transaction, bool write)
    {
        public TransactionInfo Transaction { get; } = transaction;

        public bool Write { get; } = write;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
