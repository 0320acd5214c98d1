namespace GrainMarket.Cluster.TestGrains;

public sealed record AlarmState
{
    public IReadOnlyList<string> Fired { get; init; } = [];
}
