namespace GrainMarket.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task IncrementAsync();

    Task<int> GetAsync();

    /// <summary>How often a request found another request already inside a turn.</summary>
    Task<int> GetOverlapsAsync();
}

/// <summary>A non-reentrant counter that yields inside every turn, to catch two requests sharing a turn.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _value;
    private int _inside;
    private int _overlaps;

    async Task ICounterGrain.IncrementAsync()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        var before = _value;
        await Task.Yield();
        _value = before + 1;
        Interlocked.Decrement(ref _inside);
    }

    Task<int> ICounterGrain.GetAsync() => Task.FromResult(_value);

    Task<int> ICounterGrain.GetOverlapsAsync() => Task.FromResult(_overlaps);
}
