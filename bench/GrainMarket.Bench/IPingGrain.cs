using GrainMarket.Runtime;

namespace GrainMarket.Bench;

public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);
}
