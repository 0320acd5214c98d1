namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// A transactional state's lock: shared for reads, exclusive for writes, held until the transaction's verdict.
/// Conflicts follow wait-die: a transaction older than every conflicting holder waits (bounded); a younger one
/// aborts at once. Waits therefore only ever point from older to younger, so transactions cannot deadlock.
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
        Waiter waiter;
        lock (_sync)
        {
            if (CanGrant(transaction, write))
            {
                Grant(transaction, write);
                return Task.CompletedTask;
            }

            if (!IsOlderThanConflictingHolders(transaction, write))
            {
                return Task.FromException(Die(transaction));
            }

            waiter = new Waiter(transaction, write);
            var position = _waiters.FindIndex(w => transaction.IsOlderThan(w.Transaction));
            _waiters.Insert(position < 0 ? _waiters.Count : position, waiter);
        }

        return WaitAsync(waiter);
    }

    /// <summary>Releases whatever <paramref name="transaction"/> holds and hands the lock on, oldest waiter first.</summary>
    public void Release(TransactionInfo transaction)
    {
        List<(Waiter Waiter, Exception? Error)> decided = [];
        lock (_sync)
        {
            if (_writer == transaction)
            {
                _writer = null;
            }

            _readers.Remove(transaction);
            _waiters.RemoveAll(w => w.Transaction == transaction);

            for (var i = 0; i < _waiters.Count;)
            {
                var waiter = _waiters[i];
                if (CanGrant(waiter.Transaction, waiter.Write))
                {
                    Grant(waiter.Transaction, waiter.Write);
                    _waiters.RemoveAt(i);
                    decided.Add((waiter, null));
                }
                else if (!IsOlderThanConflictingHolders(waiter.Transaction, waiter.Write))
                {
                    // A newly granted older holder: waiting on it could close a cycle, so the waiter dies.
                    _waiters.RemoveAt(i);
                    decided.Add((waiter, Die(waiter.Transaction)));
                }
                else
                {
                    i++;
                }
            }
        }

        foreach (var (waiter, error) in decided)
        {
            if (error is null)
            {
                waiter.Completion.TrySetResult();
            }
            else
            {
                waiter.Completion.TrySetException(error);
            }
        }
    }

    private async Task WaitAsync(Waiter waiter)
    {
        try
        {
            await waiter.Completion.Task.WaitAsync(waitTimeout, timeProvider);
        }
        catch (TimeoutException)
        {
            bool removed;
            lock (_sync)
            {
                removed = _waiters.Remove(waiter);
            }

            if (!removed)
            {
                // Granted or decided just as the wait ran out: take that outcome.
                await waiter.Completion.Task;
                return;
            }

            throw waiter.Transaction.Aborted(
                TransactionAbortReason.LockTimeout, $"waited {waitTimeout.TotalSeconds:0.###} s for the lock on {owner}");
        }
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

    private bool IsOlderThanConflictingHolders(TransactionInfo transaction, bool write)
    {
        if (_writer is not null && _writer != transaction && !transaction.IsOlderThan(_writer))
        {
            return false;
        }

        return !write || _readers.TrueForAll(r => r == transaction || transaction.IsOlderThan(r));
    }

    private TransactionAbortedException Die(TransactionInfo transaction) =>
        transaction.Aborted(TransactionAbortReason.Conflict, $"{owner} is locked by an older transaction (wait-die)");

    private sealed class Waiter(TransactionInfo transaction, bool write)
    {
        public TransactionInfo Transaction { get; } = transaction;

        public bool Write { get; } = write;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
