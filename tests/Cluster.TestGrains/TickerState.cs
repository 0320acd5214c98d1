namespace GrainMarket.Cluster.TestGrains;

[GenerateSerializer, Alias("gm.clustertest.TickerState")]
public sealed class TickerState
{
    [Id(0)]
    public long Ticks { get; set; }

    [Id(1)]
    public string? WrittenBy { get; set; }
}
