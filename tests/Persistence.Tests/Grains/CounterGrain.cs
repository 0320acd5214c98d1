namespace GrainMarket.Persistence.Tests.Grains;

[GrainType("test-counter")]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    async Task<int> ICounterGrain.AddAsync(int amount)
    {
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    Task ICounterGrain.ClearAsync() => counter.ClearStateAsync();

    Task<int> ICounterGrain.GetAsync() => Task.FromResult(counter.State.Value);

    Task<Guid> ICounterGrain.GetActivationIdAsync() => Task.FromResult(_activationId);

    Task ICounterGrain.RequestDeactivationAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
