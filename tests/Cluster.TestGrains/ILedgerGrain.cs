namespace GrainMarket.Cluster.TestGrains;

/// <summary>A wallet-like grain for cluster tests: idempotent additions, persisted on every change.</summary>
[Alias("gm.clustertest.ledger")]
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> unless <paramref name="operationId"/> was already applied; returns the total.</summary>
    [Alias("add")]
    Task<long> AddAsync(string operationId, long amount);

    /// <summary>The total and every operation applied, oldest first.</summary>
    [Alias("get")]
    Task<LedgerSnapshot> GetAsync();

    /// <summary>The name of the silo hosting this activation.</summary>
    [Alias("where")]
    Task<string> WhereAsync();
}
