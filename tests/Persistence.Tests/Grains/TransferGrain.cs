using Orleans.Concurrency;

namespace GrainMarket.Persistence.Tests.Grains;

[StatelessWorker]
[GrainType("gm-tests-transfer")]
public sealed class TransferGrain : Grain, ITransferGrain
{
    async Task ITransferGrain.TransferAsync(string from, string to, long amount)
    {
        await GrainFactory.GetGrain<IAccountGrain>(from).WithdrawAsync(amount);
        await GrainFactory.GetGrain<IAccountGrain>(to).DepositAsync(amount);
    }
}
