namespace GrainMarket.Cluster.TestGrains;

/// <summary>
/// Reentrant so that one coordinator runs many transfers at once: it keeps no state, so no invariant spans an await;
/// each transfer's consistency is the transaction's.
/// </summary>
[Reentrant]
[GrainType("transfer")]
public sealed class TransferGrain : Grain, ITransferGrain
{
    async Task<bool> ITransferGrain.TransferAsync(string from, string to, long amount)
    {
        if (!await GrainFactory.GetGrain<IAccountGrain>(from).WithdrawAsync(amount))
        {
            return false;
        }

        await GrainFactory.GetGrain<IAccountGrain>(to).DepositAsync(amount);
        return true;
    }

    Task ITransferGrain.FundAsync(string account, long amount) => GrainFactory.GetGrain<IAccountGrain>(account).DepositAsync(amount);
}
