using System.Collections.Concurrent;
using System.Reflection;
using GrainMarket.Runtime;

namespace GrainMarket.Bench;

/// <summary>The runtime-proxy alternative to emitted references: a MethodInfo lookup and a typed invoke delegate per call. Not sealed: DispatchProxy derives from it.</summary>
public class PingDispatchProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, (Func<IGrainCallInvoker, GrainReferenceShared, GrainId, int, object?[], object> Invoke, int Index)> Invokers = new();
    private IGrainCallInvoker? _invoker;
    private GrainReferenceShared? _shared;
    private GrainId _id;

    internal void Initialize(IGrainCallInvoker invoker, GrainReferenceShared shared, GrainId id)
    {
        _invoker = invoker;
        _shared = shared;
        _id = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var (invoke, index) = Invokers.GetOrAdd(targetMethod!, static method =>
        {
            var generic = typeof(PingDispatchProxy).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
            return (generic.CreateDelegate<Func<IGrainCallInvoker, GrainReferenceShared, GrainId, int, object?[], object>>(),
                Array.IndexOf(typeof(IPingGrain).GetMethods(), method));
        });
        return invoke(_invoker!, _shared!, _id, index, args ?? []);
    }

    private static Task<T> InvokeTyped<T>(IGrainCallInvoker invoker, GrainReferenceShared shared, GrainId id, int index, object?[] args) =>
        invoker.InvokeAsync<T>(shared, id, index, args);
}
