using System.Collections.Concurrent;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Core;

/// <summary>
/// The silo's grain factory and call path: turns a reference's method call into a request carrying the caller's
/// call chain and deadline, and dispatches it to the grain's activation.
/// </summary>
internal sealed class GrainRuntime(GrainTypeManager types, Catalog catalog) : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, (GrainReferenceShared Shared, Func<GrainReferenceShared, GrainId, GrainReference> Create)> _references = new();
    private readonly long _timeoutTicks = (long)(catalog.Options.ResponseTimeout.TotalSeconds * catalog.TimeProvider.TimestampFrequency);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var (shared, create) = ReferenceFactory(typeof(TGrainInterface));
        return (TGrainInterface)(object)create(shared, GrainId.Create(shared.GrainClass.GrainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey
    {
        var (shared, create) = ReferenceFactory(typeof(TGrainInterface));
        return (TGrainInterface)(object)create(shared, GrainId.Create(shared.GrainClass.GrainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey
    {
        var (shared, create) = ReferenceFactory(typeof(TGrainInterface));
        return (TGrainInterface)(object)create(shared, GrainId.Create(shared.GrainClass.GrainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain
    {
        var (shared, create) = ReferenceFactory(typeof(TGrainInterface));
        if (shared.GrainClass.GrainType != grainId.Type)
        {
            throw new ArgumentException($"{grainId} is not a grain of {typeof(TGrainInterface).Name} (grain type '{shared.GrainClass.GrainType}').", nameof(grainId));
        }

        return (TGrainInterface)(object)create(shared, grainId);
    }

    internal Task<T> InvokeAsync<T>(GrainReferenceShared shared, GrainId target, int methodIndex, object?[] arguments)
    {
        var method = shared.Interface.Methods[methodIndex];
        var ambient = TransactionContext.Current;
        TransactionInfo? transaction;
        switch (method.Transaction)
        {
            case TransactionOption.Join when ambient is null:
                return Task.FromException<T>(new NotSupportedException($"{method.Name} joins its caller's transaction (TransactionOption.Join), but it was called outside one."));
            case TransactionOption.NotAllowed when ambient is not null:
                return Task.FromException<T>(new NotSupportedException($"{method.Name} must not be called inside a transaction (TransactionOption.NotAllowed)."));
            case TransactionOption.Join or TransactionOption.CreateOrJoin or TransactionOption.Supported:
                transaction = ambient;
                break;
            default:
                transaction = null;
                break;
        }

        var caller = RuntimeContext.Current;
        var chain = caller?.Activation is { } activation ? new CallChain(activation.GrainId, caller.Chain) : null;
        var request = new GrainRequest<T>(target, shared.GrainClass, method, arguments, chain)
        {
            Deadline = catalog.TimeProvider.GetTimestamp() + _timeoutTicks,
            Transaction = transaction,
        };
        catalog.Dispatch(request);
        return request.Task;
    }

    /// <summary>Delivers a reminder tick to a grain, activating it if needed.</summary>
    internal Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status)
    {
        var grainClass = types.GetByGrainType(grainId.Type);
        var method = grainClass.ReminderMethod
            ?? throw new InvalidOperationException($"Grain type '{grainId.Type}' has a reminder but does not implement IRemindable.");
        var request = new GrainRequest<object?>(grainId, grainClass, method, [reminderName, status], chain: null)
        {
            Deadline = catalog.TimeProvider.GetTimestamp() + _timeoutTicks,
        };
        catalog.Dispatch(request);
        return request.Task;
    }

    private (GrainReferenceShared Shared, Func<GrainReferenceShared, GrainId, GrainReference> Create) ReferenceFactory(Type grainInterface) =>
        _references.GetOrAdd(grainInterface, static (type, self) =>
        {
            var grainClass = self.Types.GetByInterface(type);
            var descriptor = grainClass.GetInterface(type);
            var create = GrainReferenceEmitter.CreateFactory(type, [.. descriptor.Methods.Select(m => m.InterfaceMethod)]);
            return (new GrainReferenceShared(self, descriptor, grainClass), create);
        }, this);

    private GrainTypeManager Types => types;
}
