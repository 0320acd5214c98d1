namespace GrainMarket.Cluster.TestGrains;

/// <summary>Writes its state on its own, every 100 ms, from a timer: a grain that keeps writing while nobody calls it.</summary>
[Alias("gm.clustertest.ticker")]
public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Starts the ticking; returns the silo that hosts the activation.</summary>
    [Alias("start")]
    Task<string> StartAsync();
}
