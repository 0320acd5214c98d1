using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using GrainMarket.Common;
using GrainMarket.Persistence.PostgreSql;
using Orleans;
using Orleans.Storage;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Deactivates a grain whose call failed on storage, so that its next call reads the stored state again.
/// </summary>
/// <remarks>
/// A grain changes <c>IPersistentState.State</c> in memory and then calls <c>WriteStateAsync</c>; when the write throws
/// (PostgreSQL refused a value, a CHECK, the connection broke), the activation keeps the change the database never took,
/// and later calls would answer from it, or write it on top of the next change. Orleans discards an activation by itself
/// only for an escaping <see cref="InconsistentStateException"/>. This one incoming call filter covers every grain and
/// every storage provider (ours and Orleans' ADO.NET one) without a try/catch around each write: when a call ends in an
/// exception caused by the database (<see cref="DbException"/>, which Npgsql's exceptions are) or by a storage version
/// check, the activation is deactivated once the call is done, and the next call activates it again from the stored
/// state. A failure that is a lost race (<see cref="StorageConflicts.IsLostRace"/>: a version check, a deadlock or
/// serialization victim) leaves as a <see cref="StateWriteConflictException"/>, which callers may retry. Grains with transactional state (<c>[TransactionalState]</c>) are left alone: a failed store aborts the
/// transaction, and Orleans' transactional state restores its last committed state by itself, while deactivating such a
/// grain in the middle of the commit protocol would hold the protocol's own calls to it (Orleans holds every message to
/// a deactivating activation) until they time out.
/// </remarks>
internal sealed class StorageFailureDeactivation : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (IsStorageFailure(exception) && !HasTransactionalState(context.TargetContext.GrainInstance))
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A storage operation failed: the in-memory state may differ from the stored state."));
            if (exception is not StateWriteConflictException && StorageConflicts.IsLostRace(exception))
            {
                throw new StateWriteConflictException($"A state write of {context.TargetContext.GrainId} lost a race with another write and was not applied; the grain will read the stored state again.", exception);
            }

            throw;
        }
    }

    private static readonly ConcurrentDictionary<Type, bool> Transactional = new();

    private static bool HasTransactionalState(object? grain) =>
        grain is not null && Transactional.GetOrAdd(grain.GetType(), type => type.GetConstructors()
            .Any(constructor => constructor.GetParameters().Any(parameter => parameter.GetCustomAttribute<TransactionalStateAttribute>() is not null)));

    private static bool IsStorageFailure(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is DbException or InconsistentStateException)
            {
                return true;
            }
        }

        return false;
    }
}
