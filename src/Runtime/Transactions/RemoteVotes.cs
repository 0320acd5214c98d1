namespace GrainMarket.Runtime.Transactions;

/// <summary>What one silo's participants did in a transaction, or why the transaction is already doomed there.</summary>
internal sealed record RemoteVotes(IReadOnlyList<TransactionWrite> Writes, IReadOnlyList<TransactionRead> Reads, TransactionAbortReason? AbortReason, string? AbortMessage);
