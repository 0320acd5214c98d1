using System.Collections.Concurrent;

namespace GrainMarket.Runtime.Tests.Grains;

public interface IBusyProbeGrain : IGrainWithStringKey
{
    /// <summary>Waits for the test's gate (opened from outside the grain), then says how many touches had started.</summary>
    Task<int> AwaitGateThenCountAsync();

    /// <summary>Holds the activation's thread for <paramref name="milliseconds"/>, as a long synchronous turn would.</summary>
    Task BlockAsync(int milliseconds);

    Task TouchAsync();
}

/// <summary>Shows in which order an activation runs a continuation of a running turn and the starts of queued turns.</summary>
[Reentrant]
public sealed class BusyProbeGrain : Grain, IBusyProbeGrain
{
    /// <summary>Per grain key: the gate the test opens, and signals that the grain has reached its waits.</summary>
    public static ConcurrentDictionary<string, (TaskCompletionSource Gate, TaskCompletionSource Waiting, TaskCompletionSource Blocking)> Probes { get; } = new();

    private int _touches;

    private (TaskCompletionSource Gate, TaskCompletionSource Waiting, TaskCompletionSource Blocking) Probe => Probes[this.GetPrimaryKeyString()];

    async Task<int> IBusyProbeGrain.AwaitGateThenCountAsync()
    {
        Probe.Waiting.TrySetResult();
        await Probe.Gate.Task;
        return _touches;
    }

    Task IBusyProbeGrain.BlockAsync(int milliseconds)
    {
        Probe.Blocking.TrySetResult();
        Thread.Sleep(milliseconds);
        return Task.CompletedTask;
    }

    Task IBusyProbeGrain.TouchAsync()
    {
        _touches++;
        return Task.CompletedTask;
    }
}
