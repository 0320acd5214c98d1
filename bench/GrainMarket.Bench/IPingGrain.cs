namespace GrainMarket.Bench;

[Alias("gm.bench.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("ping")]
    Task<int> PingAsync(int value);
}
