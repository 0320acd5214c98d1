using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

/// <summary>A wallet-like grain for cluster tests: idempotent additions, persisted on every change.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> unless <paramref name="operationId"/> was already applied; returns the total.</summary>
    Task<long> AddAsync(string operationId, long amount);

    Task<LedgerState> GetAsync();

    /// <summary>The name of the silo hosting this activation.</summary>
    Task<string> WhereAsync();
}
