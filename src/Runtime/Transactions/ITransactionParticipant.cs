namespace GrainMarket.Runtime.Transactions;

/// <summary>A transactional state as the coordinator drives it.</summary>
internal interface ITransactionParticipant
{
    GrainId GrainId { get; }

    string StateName { get; }

    /// <summary>What the transaction did here: a write (new state and the version it replaces) or only a read.</summary>
    TransactionVote Prepare(TransactionInfo transaction);

    /// <summary>The transaction committed: adopt the copy (at <paramref name="newVersion"/> when it wrote) and release its locks.</summary>
    void Commit(TransactionInfo transaction, long? newVersion);

    /// <summary>The transaction aborted: drop the copy and release its locks.</summary>
    void Abort(TransactionInfo transaction);
}
