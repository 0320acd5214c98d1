namespace GrainMarket.Runtime.Transactions;

/// <summary>The store refused a commit: a version changed, or the id was already decided (fenced) as aborted.</summary>
internal sealed class TransactionConflictException : Exception
{
    public TransactionConflictException()
    {
    }

    public TransactionConflictException(string message) : base(message)
    {
    }

    public TransactionConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
