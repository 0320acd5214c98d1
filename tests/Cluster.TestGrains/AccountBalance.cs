namespace GrainMarket.Cluster.TestGrains;

/// <summary>Changed only inside a transaction's private copy.</summary>
public sealed class AccountBalance
{
    public long Balance { get; set; }

    public long Entries { get; set; }
}
