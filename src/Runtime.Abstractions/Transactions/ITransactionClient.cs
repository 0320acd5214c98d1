namespace GrainMarket.Runtime;

/// <summary>Runs code as one transaction over any number of grains: all of it commits, or none of it does.</summary>
public interface ITransactionClient
{
    /// <summary>
    /// Runs <paramref name="transactionDelegate"/> in a transaction and commits it. Throws
    /// <see cref="TransactionAbortedException"/> when nothing was applied (safe to retry) and
    /// <see cref="TransactionInDoubtException"/> when the outcome is unknown (check before retrying).
    /// </summary>
    Task RunTransaction(TransactionOption transactionOption, Func<Task> transactionDelegate);

    /// <summary>As <see cref="RunTransaction(TransactionOption, Func{Task})"/>; when the delegate returns false the transaction is aborted quietly.</summary>
    Task RunTransaction(TransactionOption transactionOption, Func<Task<bool>> transactionDelegate);
}
