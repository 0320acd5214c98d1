namespace GrainMarket.Runtime.Tests.Grains;

public interface IReentrantProbeGrain : IGrainWithStringKey
{
    Task EnterAsync(int delayMilliseconds);

    /// <summary>The most requests seen inside the grain at once, and how often two threads ran grain code at once.</summary>
    Task<(int MaxInside, int ParallelExecutions)> GetAsync();
}

/// <summary>Requests interleave at awaits, but grain code never runs on two threads at once.</summary>
[Reentrant]
public sealed class ReentrantProbeGrain : Grain, IReentrantProbeGrain
{
    private int _inside;
    private int _maxInside;
    private int _executing;
    private int _parallelExecutions;

    async Task IReentrantProbeGrain.EnterAsync(int delayMilliseconds)
    {
        Section(() => _maxInside = Math.Max(_maxInside, ++_inside));
        await Task.Delay(delayMilliseconds);
        Section(() => _inside--);
    }

    Task<(int MaxInside, int ParallelExecutions)> IReentrantProbeGrain.GetAsync() => Task.FromResult((_maxInside, _parallelExecutions));

    private void Section(Action action)
    {
        if (Interlocked.Increment(ref _executing) != 1)
        {
            Interlocked.Increment(ref _parallelExecutions);
        }

        action();
        Thread.SpinWait(200);
        Interlocked.Decrement(ref _executing);
    }
}
