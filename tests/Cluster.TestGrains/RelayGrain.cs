namespace GrainMarket.Cluster.TestGrains;

[GrainType("relay")]
public sealed class RelayGrain(TimeProvider timeProvider) : Grain, IRelayGrain
{
    private IGrainTimer? _tick;

    Task<string> IRelayGrain.StartAsync(string ledgerKey)
    {
        var ledger = GrainFactory.GetGrain<ILedgerGrain>(ledgerKey);

        // KeepAlive: the calls go on with nobody calling this grain; a failed call is logged by Orleans and the next
        // tick makes a new one.
        _tick ??= this.RegisterGrainTimer(
            () => ledger.AddAsync($"{this.GetPrimaryKeyString()}@{timeProvider.GetUtcNow().UtcTicks}", 1),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = TimeSpan.FromMilliseconds(100), KeepAlive = true });
        return Task.FromResult(SiloName.Current);
    }
}
