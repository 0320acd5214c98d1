using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

[Reentrant]
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
