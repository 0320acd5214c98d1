namespace GrainMarket.Cluster.TestGrains;

/// <summary>A counter that remembers which operations it applied, so a retried operation is applied once.</summary>
public sealed record LedgerState
{
    public long Total { get; init; }

    public IReadOnlyList<string> Applied { get; init; } = [];
}
