namespace GrainMarket.Cluster.TestGrains;

/// <summary>An account's transactional state; changed only inside a transaction's private copy.</summary>
[GenerateSerializer, Alias("gm.clustertest.AccountBalance")]
public sealed class AccountBalance
{
    [Id(0)]
    public long Balance { get; set; }

    [Id(1)]
    public long Entries { get; set; }
}
