namespace GrainMarket.Runtime;

/// <summary>
/// The transaction's outcome is unknown (the commit was sent but its answer was lost and the database could not
/// be asked). Do not retry blindly: check whether the effect happened first.
/// </summary>
public sealed class TransactionInDoubtException : Exception
{
    public TransactionInDoubtException()
    {
    }

    public TransactionInDoubtException(string message) : base(message)
    {
    }

    public TransactionInDoubtException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TransactionInDoubtException(Guid transactionId, Exception innerException)
        : base($"Transaction {transactionId} is in doubt: its commit may or may not have been applied.", innerException)
    {
        TransactionId = transactionId;
    }

    public Guid TransactionId { get; }
}
