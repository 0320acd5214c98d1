using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Runtime.Core;

/// <summary>
/// The silo's grain factory and call path: turns a reference's method call into a request carrying the caller's
/// call chain, deadline and transaction, and runs it here — or, in a cluster, on the silo that owns the grain.
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IGrainCallInvoker
{
    private readonly GrainTypeManager _types;
    private readonly Catalog _catalog;
    private readonly GrainReferenceFactory _references;
    private readonly RemoteInvoker? _remote;
    private readonly LocalSilo? _self;
    private readonly long _timeoutTicks;

    public GrainRuntime(GrainTypeManager types, Catalog catalog, IServiceProvider services)
    {
        _types = types;
        _catalog = catalog;
        _remote = services.GetService<RemoteInvoker>();
        _self = services.GetService<LocalSilo>();
        _timeoutTicks = (long)(catalog.Options.ResponseTimeout.TotalSeconds * catalog.TimeProvider.TimestampFrequency);
        _references = new GrainReferenceFactory(type =>
        {
            var grainClass = _types.GetByInterface(type);
            var descriptor = grainClass.GetInterface(type);
            var create = GrainReferenceEmitter.CreateFactory(type, [.. descriptor.Methods.Select(m => m.InterfaceMethod)]);
            return (new GrainReferenceShared(this, descriptor, grainClass.GrainType, grainClass), create);
        });
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey => _references.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey => _references.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey => _references.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain => _references.GetGrain<TGrainInterface>(grainId);


    public Task<T> InvokeAsync<T>(GrainReferenceShared shared, GrainId target, int methodIndex, object?[] arguments)
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

        return RouteAsync<T>(shared.GrainClass!, shared.Interface, method, target, arguments, transaction);
    }

    /// <summary>
    /// Delivers a reminder tick to a grain, activating it if needed (on whichever silo owns it). On this silo,
    /// <paramref name="stillWanted"/> is checked when the tick's turn starts.
    /// </summary>
    internal Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status, Func<bool> stillWanted)
    {
        var grainClass = _types.GetByGrainType(grainId.Type);
        if (grainClass.ReminderMethod is not { } method)
        {
            throw new InvalidOperationException($"Grain type '{grainId.Type}' has a reminder but does not implement IRemindable.");
        }

        return RouteAsync<object?>(grainClass, grainClass.GetInterface(typeof(IRemindable)), method, grainId, [reminderName, status], transaction: null, stillWanted);
    }

    private Task<T> RouteAsync<T>(GrainClassDescriptor grainClass, GrainInterfaceDescriptor grainInterface, GrainMethodDescriptor method, GrainId target, object?[] arguments, TransactionInfo? transaction, Func<bool>? runIf = null)
    {
        var caller = RuntimeContext.Current;
        var chain = caller?.Activation is { } activation ? new CallChain(activation.GrainId, caller.Chain) : null;

        Task<T> RunHere()
        {
            var request = new GrainRequest<T>(target, grainClass, method, arguments, chain)
            {
                Deadline = _catalog.TimeProvider.GetTimestamp() + _timeoutTicks,
                Transaction = transaction,
                RunIf = runIf,
            };
            _catalog.Dispatch(request);
            return request.Task;
        }

        if (_remote is null)
        {
            return RunHere();
        }

        return _remote.InvokeAsync(target, grainInterface, method, arguments, chain, _catalog.Options.ResponseTimeout, _self!.SiloId, RunHere, transaction);
    }
}
