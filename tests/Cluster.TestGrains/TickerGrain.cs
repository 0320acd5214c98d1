using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

public sealed class TickerGrain([PersistentState("ticker")] IPersistentState<TickerState> ticker) : Grain, ITickerGrain
{
    private static readonly string SiloName = Environment.GetEnvironmentVariable("GRAINMARKET_SILO_NAME") ?? "unnamed";

    Task<string> ITickerGrain.StartAsync()
    {
        RegisterGrainTimer(
            async cancellationToken =>
            {
                ticker.State = ticker.State with { Ticks = ticker.State.Ticks + 1, WrittenBy = SiloName };
                await ticker.WriteStateAsync(cancellationToken);
            },
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromMilliseconds(100), Period = TimeSpan.FromMilliseconds(100), KeepAlive = true });
        return Task.FromResult(SiloName);
    }
}
