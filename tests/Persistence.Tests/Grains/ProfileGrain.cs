using GrainMarket.Persistence.PostgreSql;
using GrainMarket.Persistence.Tests.TransactionalStorage;

namespace GrainMarket.Persistence.Tests.Grains;

[GrainType("gm-tests-profile")]
public sealed class ProfileGrain([PersistentState("profile", PostgresGrainStorage.ProviderName)] IPersistentState<BalanceState> profile) : Grain, IProfileGrain
{
    async Task IProfileGrain.SetAsync(long amount)
    {
        profile.State.Amount = amount;
        await profile.WriteStateAsync();
    }

    Task<long> IProfileGrain.GetAsync() => Task.FromResult(profile.State.Amount);

    Task IProfileGrain.DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
