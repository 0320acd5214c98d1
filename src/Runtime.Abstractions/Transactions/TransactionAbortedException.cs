namespace GrainMarket.Runtime;

/// <summary>The transaction was aborted and nothing of it was applied; running it again is safe.</summary>
public sealed class TransactionAbortedException : Exception
{
    public TransactionAbortedException()
    {
    }

    public TransactionAbortedException(string message) : base(message)
    {
    }

    public TransactionAbortedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TransactionAbortedException(Guid transactionId, TransactionAbortReason reason, string message, Exception? innerException = null)
        : base($"Transaction {transactionId} aborted ({reason}): {message}", innerException)
    {
        TransactionId = transactionId;
        Reason = reason;
    }

    public Guid TransactionId { get; }

    public TransactionAbortReason Reason { get; }
}
