using System.Collections.Concurrent;
using System.Reflection;
using Orleans;
using Orleans.Concurrency;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// Records every call that reached a non-reentrant grain while that grain was already on the call's own chain. Orleans
/// detects no call cycles: such a call waits for the response timeout (a deadlock), so the test silo registers this
/// filter and <c>CallCycleTests</c> asserts that the marketplace's paths never made one.
/// </summary>
/// <remarks>
/// The chain travels in the <see cref="RequestContext"/>: each incoming call appends its target, and every call the
/// grain makes while serving it carries the chain on. A reentrant grain or an <c>[AlwaysInterleave]</c> method may
/// appear twice on a chain; that is a callback, not a cycle.
/// </remarks>
public sealed class CallCycleRecorder : IIncomingGrainCallFilter
{
    private const string ChainKey = "gm.tests.call-chain";

    private readonly ConcurrentQueue<string> _cycles = new();
    private long _calls;

    /// <summary>Each cycle seen: the chain, then the call that closed it.</summary>
    public IReadOnlyCollection<string> Cycles => _cycles;

    /// <summary>How many grain calls the filter saw.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _calls);
        var before = RequestContext.Get(ChainKey) as string;
        var target = context.TargetId.ToString();
        var chain = before is null ? [] : before.Split('|');
        if (chain.Contains(target) && !Interleaves(context))
        {
            _cycles.Enqueue($"{string.Join(" -> ", chain)} -> {target} ({context.InterfaceName}.{context.MethodName})");
        }

        RequestContext.Set(ChainKey, before is null ? target : $"{before}|{target}");
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (before is null)
            {
                RequestContext.Remove(ChainKey);
            }
            else
            {
                RequestContext.Set(ChainKey, before);
            }
        }
    }

    private static bool Interleaves(IIncomingGrainCallContext context) =>
        context.TargetContext?.GrainInstance?.GetType().GetCustomAttribute<ReentrantAttribute>(inherit: true) is not null
        || context.InterfaceMethod?.GetCustomAttribute<AlwaysInterleaveAttribute>(inherit: true) is not null;
}
