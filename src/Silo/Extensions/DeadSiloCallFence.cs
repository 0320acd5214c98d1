using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Refuses grain calls made by a silo that this silo's membership view has declared dead, before they reach the grain.
/// </summary>
/// <remarks>
/// A silo frozen past its death declaration (SIGSTOP, a long GC pause, a partition) runs on when it resumes until it
/// reads the verdict and stops itself, about a heartbeat later. Its grains' writes to PostgreSQL are refused by the
/// storage's dead-silo fence, but its calls into grains on live silos would still be served: Orleans 10.4.2 refuses
/// outgoing connections to a dead silo, not messages coming from one. So every call carries its sender's silo
/// address in the <see cref="RequestContext"/> (set by the outgoing filter of the silo that makes it, so each hop
/// names its own sender) and the receiving silo refuses it with <see cref="SiloUnavailableException"/> when that
/// silo is dead in its view. Calls from cluster clients (the standalone gateway) carry no address and pass.
/// </remarks>
internal sealed class DeadSiloCallFence(ILocalSiloDetails localSilo, ISiloStatusOracle membership) : IOutgoingGrainCallFilter, IIncomingGrainCallFilter
{
    /// <summary>The request-context key of the calling silo's address.</summary>
    public const string CallerSiloKey = "gm.caller-silo";

    // Async, so that setting the request context here does not leak back into the caller's context after the call.
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequestContext.Set(CallerSiloKey, localSilo.SiloAddress);
        await context.Invoke();
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestContext.Get(CallerSiloKey) is SiloAddress caller && membership.IsDeadSilo(caller))
        {
            throw new SiloUnavailableException(
                $"Refused {context.InterfaceName}.{context.MethodName} on {context.TargetId}: the calling silo {caller} has been declared dead.");
        }

        return context.Invoke();
    }
}

public static class DeadSiloCallFenceExtensions
{
    /// <summary>Refuses calls from silos this silo knows to be dead (see <see cref="DeadSiloCallFence"/>).</summary>
    public static ISiloBuilder AddDeadSiloCallFence(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<DeadSiloCallFence>();
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<DeadSiloCallFence>());
        silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<DeadSiloCallFence>());
        return silo;
    }
}
