using GrainMarket.Runtime.Core;

namespace GrainMarket.Runtime.Timers;

/// <summary>A grain timer whose callback takes a state argument.</summary>
internal sealed class GrainTimer<TState>(
    ActivationData activation,
    Func<TState, CancellationToken, Task> callback,
    TState state,
    GrainTimerCreationOptions options) : GrainTimer(activation, options)
{
    protected override Task InvokeCallbackAsync(CancellationToken cancellationToken) => callback(state, cancellationToken);
}
