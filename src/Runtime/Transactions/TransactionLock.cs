namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// A transactional state's lock: shared for reads, exclusive for writes, held until the transaction's verdict.
/// Conflicts follow wound-wait: every requester waits (bounded), and one that is older than a conflicting holder
/// first wounds it (dooms it unless it is already committing), so a wait never lasts on a younger transaction and
/// waits cannot form a cycle. Grants go oldest first.
/// </summary>
internal sealed class TransactionLock(TimeProvider timeProvider, TimeSpan waitTimeout, string owner)
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
            holder.Wound($"wounded by older transaction {transaction.Id} that needs a lock this one holds");
        }

        return WaitAsync(waiter);
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

    private async Task WaitAsync(Waiter waiter)
    {
        var transaction = waiter.Transaction;
        transaction.OnWounded(() => Withdraw(waiter, transaction.AbortMessage ?? "wounded"));
        try
        {
            // A wound that landed before the callback was registered is seen here.
            if (transaction.AbortReason is not null)
            {
                Withdraw(waiter, transaction.AbortMessage ?? "wounded");
            }

            await waiter.Completion.Task.WaitAsync(waitTimeout, timeProvider);
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
            transaction.OnWounded(null);
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
