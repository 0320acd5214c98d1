using Orleans.Storage;

namespace GrainMarket.Common;

/// <summary>
/// A grain's state write that certainly did not happen because it lost a race: another writer moved the stored
/// state on first (its version check failed) or PostgreSQL chose it as a deadlock or serialization victim. The grain
/// was deactivated, so its next call reads what is stored; running the same request again is safe. The gateway answers
/// it as 409 <see cref="ErrorCodes.TransactionConflict"/>. Any other storage failure (a value the database refused, a
/// connection lost mid-commit) stays what it was.
/// </summary>
[GenerateSerializer, Alias("gm.common.StateWriteConflictException")]
public sealed class StateWriteConflictException : InconsistentStateException
{
    public StateWriteConflictException()
    {
    }

    public StateWriteConflictException(string message)
        : base(message)
    {
    }

    public StateWriteConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
