namespace GrainMarket.Runtime;

/// <summary>Why a transaction was aborted. Every aborted transaction left nothing behind.</summary>
public enum TransactionAbortReason
{
    /// <summary>Another transaction changed or held state this one used (a version check failed, or an older transaction wounded it).</summary>
    Conflict,

    /// <summary>A lock was not granted in time, or a participant gave up waiting for the verdict.</summary>
    LockTimeout,

    /// <summary>The transaction's own code asked for the abort.</summary>
    UserAbort,

    /// <summary>A participant's code threw; the exception is the inner exception.</summary>
    ParticipantFailed,
}
