namespace GrainMarket.Cluster.TestGrains;

/// <summary>A counter that remembers which operations it applied, so a retried operation is applied once.</summary>
[GenerateSerializer, Alias("gm.clustertest.LedgerState")]
public sealed class LedgerState
{
    [Id(0)]
    public long Total { get; set; }

    [Id(1)]
    public List<string> Applied { get; set; } = [];
}
