namespace GrainMarket.Bench;

/// <summary>The smallest useful grain: a counter per activation, so the work is the same as the baseline's.</summary>
[GrainType("ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    Task<int> IPingGrain.PingAsync(int value)
    {
        _calls++;
        return Task.FromResult(value + _calls);
    }
}
