namespace GrainMarket.Cluster.TestGrains;

[GenerateSerializer, Alias("gm.clustertest.AlarmState")]
public sealed class AlarmState
{
    [Id(0)]
    public List<string> Fired { get; set; } = [];
}
