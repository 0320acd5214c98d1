using Orleans.Storage;
using Orleans.Transactions;

namespace GrainMarket.Common;

/// <summary>
/// Tells whether a failed Orleans transaction may be run again as a whole. This is the one classifier every caller that
/// retries uses, so that retries live in one layer and agree on what is safe.
/// </summary>
public static class TransactionFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> says the transaction certainly did not commit and the cause was the
    /// transaction machinery rather than the command: an <see cref="OrleansTransactionTransientFailureException"/> (a lock
    /// upgrade or broken lock, a prepare timeout, a cascading abort); an <see cref="OrleansTransactionAbortedException"/>
    /// with no inner exception, or whose inner exception is itself an <see cref="OrleansTransactionException"/> or an
    /// <see cref="InconsistentStateException"/> (a storage write lost a version check to a concurrent writer); or an
    /// <see cref="OrleansTransactionOverloadException"/> (the transaction manager shed load).
    /// False for everything else: an abort wrapping any other exception is a grain refusing the command (a broken
    /// invariant or a domain error), which a retry would only repeat; an <see cref="OrleansTransactionInDoubtException"/>
    /// means the outcome is unknown and the transaction may have committed, so running it again could apply it twice —
    /// read the result back by its operation id instead.
    /// </summary>
    public static bool IsRetryable(Exception exception) => exception switch
    {
        OrleansTransactionTransientFailureException => true,
        OrleansTransactionAbortedException aborted => aborted.InnerException
            is null or OrleansTransactionException or InconsistentStateException,
        OrleansTransactionOverloadException => true,
        _ => false,
    };
}
