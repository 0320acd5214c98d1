namespace GrainMarket.Cluster.TestGrains;

/// <summary>Calls another grain on its own, every 100 ms, from a timer: a silo that keeps calling while nobody calls it.</summary>
[Alias("gm.clustertest.relay")]
public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts adding 1 to the ledger <paramref name="ledgerKey"/> on every tick, each time with the operation id
    /// <c>{this grain's key}@{the UTC ticks when the call was made}</c>. Returns the silo that hosts the activation.
    /// </summary>
    [Alias("start")]
    Task<string> StartAsync(string ledgerKey);
}
