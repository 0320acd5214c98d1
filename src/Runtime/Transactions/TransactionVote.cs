namespace GrainMarket.Runtime.Transactions;

/// <summary>A participant's part in a commit: exactly one of a write or a read.</summary>
internal sealed record TransactionVote(TransactionWrite? Write, TransactionRead? Read);
