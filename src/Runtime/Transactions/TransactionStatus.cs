namespace GrainMarket.Runtime.Transactions;

/// <summary>The verdict recorded for a transaction id.</summary>
internal enum TransactionStatus
{
    Committed,
    Aborted,
}
