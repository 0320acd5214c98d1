namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// The commit point. One atomic step writes every state (each conditional on its version), checks every read
/// version and records the transaction as committed; a transaction id can be decided only once.
/// </summary>
internal interface ITransactionStore
{
    /// <summary>Commits and returns the new version of each write, in order; throws <see cref="TransactionConflictException"/> when refused.</summary>
    Task<IReadOnlyList<long>> CommitAsync(Guid transactionId, IReadOnlyList<TransactionWrite> writes, IReadOnlyList<TransactionRead> reads, CancellationToken cancellationToken);

    /// <summary>Records "aborted" unless a verdict exists, and returns the verdict: after this the outcome can no longer change.</summary>
    Task<TransactionStatus> FenceAsync(Guid transactionId, CancellationToken cancellationToken);

    /// <summary>Deletes verdicts recorded before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
