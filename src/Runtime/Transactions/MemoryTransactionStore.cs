using GrainMarket.Runtime.Storage;

namespace GrainMarket.Runtime.Transactions;

/// <summary>The commit point of the --in-memory mode and unit tests: atomic over <see cref="MemoryGrainStorage"/>.</summary>
internal sealed class MemoryTransactionStore(MemoryGrainStorage storage, TimeProvider timeProvider) : ITransactionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, (TransactionStatus Status, DateTimeOffset DecidedAt)> _verdicts = [];

    public Task<IReadOnlyList<long>> CommitAsync(Guid transactionId, IReadOnlyList<TransactionWrite> writes, IReadOnlyList<TransactionRead> reads, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(storage.CommitTransaction(writes, reads, () => Decide(transactionId, TransactionStatus.Committed) == TransactionStatus.Committed));
    }

    public Task<TransactionStatus> FenceAsync(Guid transactionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decide(transactionId, TransactionStatus.Aborted));
    }

    public Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var old = _verdicts.Where(v => v.Value.DecidedAt < olderThan).Select(v => v.Key).ToList();
            old.ForEach(id => _verdicts.Remove(id));
            return Task.FromResult(old.Count);
        }
    }

    /// <summary>Records <paramref name="status"/> unless a verdict exists; returns the verdict that stands.</summary>
    private TransactionStatus Decide(Guid transactionId, TransactionStatus status)
    {
        lock (_lock)
        {
            if (_verdicts.TryGetValue(transactionId, out var existing))
            {
                return existing.Status;
            }

            _verdicts[transactionId] = (status, timeProvider.GetUtcNow());
            return status;
        }
    }
}
