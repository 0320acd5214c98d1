using GrainMarket.Runtime.Storage;

namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// A grain's records of one kind: each a <see cref="TransactionalState{TState}"/> named <c>{stateName}/{key}</c>, in its
/// own <c>grain_state</c> row, loaded at its first read or update. Records nothing holds are dropped from memory once
/// there are more than <see cref="KeptInMemory"/>; the next use loads them again, so memory does not grow with the
/// grain's history.
/// </summary>
internal sealed class TransactionalRecords<TRecord>(GrainId grainId, string stateName, IGrainStorage storage, TransactionAgent agent)
    : ITransactionalRecords<TRecord>, IActivationStateParticipant
    where TRecord : class, new()
{
    /// <summary>How many records stay in memory before idle ones are dropped.</summary>
    internal const int KeptInMemory = 256;

    private readonly Dictionary<string, TransactionalState<TRecord>> _records = new(StringComparer.Ordinal);

    public ITransactionalState<TRecord> this[string key] => Get(key, unwritten: false);

    public ITransactionalState<TRecord> Unwritten(string key) => Get(key, unwritten: true);

    public bool IsBusy
    {
        get
        {
            lock (_records)
            {
                return _records.Values.Any(r => r.IsBusy);
            }
        }
    }

    private TransactionalState<TRecord> Get(string key, bool unwritten)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_records)
        {
            if (!_records.TryGetValue(key, out var record))
            {
                if (_records.Count >= KeptInMemory)
                {
                    DropIdle();
                }

                record = new TransactionalState<TRecord>(grainId, $"{stateName}/{key}", storage, agent);
                if (unwritten)
                {
                    record.AssumeUnwritten();
                }

                _records[key] = record;
            }

            return record;
        }
    }

    /// <summary>Records load one at a time, at their first use.</summary>
    public Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void DropIdle()
    {
        foreach (var (key, _) in _records.Where(r => r.Value.IsIdle).ToList())
        {
            _records.Remove(key);
        }
    }
}
