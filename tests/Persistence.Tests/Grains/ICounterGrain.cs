namespace GrainMarket.Persistence.Tests.Grains;

/// <summary>A counter kept in the default grain storage, to prove state outlives its activation.</summary>
[Alias("gm.tests.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/>, writes the state and returns the new value.</summary>
    [Alias("add")]
    Task<int> AddAsync(int amount);

    /// <summary>Clears the stored state, back to a new counter at 0.</summary>
    [Alias("clear")]
    Task ClearAsync();

    /// <summary>The value this activation holds.</summary>
    [Alias("get")]
    Task<int> GetAsync();

    /// <summary>An id drawn when the activation was created, so a test can tell one activation from the next.</summary>
    [Alias("activation")]
    Task<Guid> GetActivationIdAsync();

    /// <summary>Asks Orleans to deactivate this activation once the call returns.</summary>
    [Alias("deactivate")]
    Task RequestDeactivationAsync();
}
