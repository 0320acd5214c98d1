namespace GrainMarket.Cluster.TestGrains;

public sealed record TickerState
{
    public long Ticks { get; init; }

    public string? WrittenBy { get; init; }
}
