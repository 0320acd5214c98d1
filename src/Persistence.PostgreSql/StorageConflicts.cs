using Npgsql;
using Orleans.Storage;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Which storage failures are a lost race, after which the write certainly did not happen.</summary>
public static class StorageConflicts
{
    private const string DeadlockDetected = "40P01";
    private const string SerializationFailure = "40001";

    /// <summary>
    /// True when <paramref name="exception"/> (or one of its causes) says a state write lost a race and was not applied:
    /// a version check refused it (this storage's <c>GM001</c>, or Orleans' ADO.NET storage's own
    /// <see cref="InconsistentStateException"/>, which carries no cause), or PostgreSQL rolled its transaction back as a
    /// deadlock or serialization victim. False for every other failure, including a connection lost while committing,
    /// whose outcome is unknown.
    /// </summary>
    public static bool IsLostRace(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case PostgresException { SqlState: StateTable.VersionConflict or DeadlockDetected or SerializationFailure }:
                case InconsistentStateException { InnerException: null }:
                    return true;
            }
        }

        return false;
    }
}
