namespace GrainMarket.Cluster.TestGrains;

[GrainType("ledger")]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> ledger) : Grain, ILedgerGrain
{
    async Task<long> ILedgerGrain.AddAsync(string operationId, long amount)
    {
        if (ledger.State.Applied.Contains(operationId))
        {
            return ledger.State.Total;
        }

        // A failed write may or may not have reached storage, and this activation's state ran ahead of it: the
        // activation ends, so that the caller's retry with the same id meets one that reads what storage holds.
        ledger.State.Total += amount;
        ledger.State.Applied.Add(operationId);
        try
        {
            await ledger.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        return ledger.State.Total;
    }

    Task<LedgerSnapshot> ILedgerGrain.GetAsync() => Task.FromResult(new LedgerSnapshot(ledger.State.Total, [.. ledger.State.Applied]));

    Task<string> ILedgerGrain.WhereAsync() => Task.FromResult(SiloName.Current);
}
