using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

/// <summary>Writes its state on its own, every 100 ms, from a timer: a grain that keeps writing while nobody calls it.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Starts the ticking; returns the silo that hosts the activation.</summary>
    Task<string> StartAsync();
}
