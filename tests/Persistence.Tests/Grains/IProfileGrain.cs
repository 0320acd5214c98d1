namespace GrainMarket.Persistence.Tests.Grains;

/// <summary>A grain whose persistent state has a read model, kept by GrainMarket's PostgreSQL grain storage.</summary>
[Alias("gm.tests.profile")]
public interface IProfileGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="amount"/> (and so its read model).</summary>
    [Alias("set")]
    Task SetAsync(long amount);

    /// <summary>The stored amount.</summary>
    [Alias("get")]
    Task<long> GetAsync();

    /// <summary>Ends the activation once this call returns, so the next call reads the state from storage.</summary>
    [Alias("deactivate")]
    Task DeactivateAsync();
}
