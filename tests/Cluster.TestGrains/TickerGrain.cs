using GrainMarket.Persistence.PostgreSql;

namespace GrainMarket.Cluster.TestGrains;

/// <summary>
/// Its state goes through GrainMarket's PostgreSQL grain storage, which refuses the writes of a silo the membership
/// table declares dead: the fault tests watch that fence from outside.
/// </summary>
[GrainType("ticker")]
public sealed class TickerGrain([PersistentState("ticker", PostgresGrainStorage.ProviderName)] IPersistentState<TickerState> ticker) : Grain, ITickerGrain
{
    private IGrainTimer? _tick;

    Task<string> ITickerGrain.StartAsync()
    {
        // KeepAlive: the grain must go on writing with no calls at all; not interleaved, so writes never overlap.
        _tick ??= this.RegisterGrainTimer(
            TickAsync,
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromMilliseconds(100), Period = TimeSpan.FromMilliseconds(100), KeepAlive = true });
        return Task.FromResult(SiloName.Current);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        ticker.State.Ticks++;
        ticker.State.WrittenBy = SiloName.Current;
        await ticker.WriteStateAsync(cancellationToken);
    }
}
