using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using GrainMarket.Runtime;
using GrainMarket.Runtime.Metadata;

namespace GrainMarket.Bench;

/// <summary>
/// What a grain reference costs by itself: the emitted reference type against a System.Reflection.DispatchProxy,
/// both handing calls to the same no-op invoker, single-threaded, so only the dispatch differs.
/// </summary>
internal static class ReferenceDispatchBenchmark
{
    private const int Calls = 5_000_000;

    public static (double EmittedNs, double DispatchProxyNs) Measure()
    {
        var descriptor = GrainTypeManager.DescribeInterface(typeof(IPingGrain));
        var invoker = new NoOpInvoker();
        var shared = new GrainReferenceShared(invoker, descriptor, "ping", grainClass: null);
        var emitted = (IPingGrain)GrainReferenceEmitter.CreateFactory(typeof(IPingGrain), [.. descriptor.Methods.Select(m => m.InterfaceMethod)])(shared, GrainId.Create("ping", 1));
        var proxy = DispatchProxy.Create<IPingGrain, PingDispatchProxy>();
        ((PingDispatchProxy)(object)proxy).Initialize(invoker, shared, GrainId.Create("ping", 1));

        return (NanosecondsPerCall(emitted), NanosecondsPerCall(proxy));
    }

    private static double NanosecondsPerCall(IPingGrain grain)
    {
        for (var i = 0; i < Calls / 10; i++)
        {
            _ = grain.PingAsync(i);
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            _ = grain.PingAsync(i);
        }

        return stopwatch.Elapsed.TotalNanoseconds / Calls;
    }

    internal sealed class NoOpInvoker : IGrainCallInvoker
    {
        public Task<T> InvokeAsync<T>(GrainReferenceShared shared, GrainId target, int methodIndex, object?[] arguments) => Task.FromResult<T>(default!);
    }
}
