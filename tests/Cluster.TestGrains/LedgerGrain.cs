using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> ledger) : Grain, ILedgerGrain
{
    async Task<long> ILedgerGrain.AddAsync(string operationId, long amount)
    {
        if (ledger.State.Applied.Contains(operationId))
        {
            return ledger.State.Total;
        }

        ledger.State = ledger.State with { Total = ledger.State.Total + amount, Applied = [.. ledger.State.Applied, operationId] };
        await ledger.WriteStateAsync();
        return ledger.State.Total;
    }

    Task<LedgerState> ILedgerGrain.GetAsync() => Task.FromResult(ledger.State);

    Task<string> ILedgerGrain.WhereAsync() => Task.FromResult(Environment.GetEnvironmentVariable("GRAINMARKET_SILO_NAME") ?? "unnamed");
}
