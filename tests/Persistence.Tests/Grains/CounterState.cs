namespace GrainMarket.Persistence.Tests.Grains;

[GenerateSerializer, Alias("gm.tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}
