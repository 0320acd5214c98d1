namespace GrainMarket.Runtime.Tests.Grains;

public interface ITransferGrain : IGrainWithGuidKey
{
    /// <summary>Moves money in a transaction this grain starts; false when the source is short.</summary>
    [Transaction(TransactionOption.Create)]
    Task<bool> TransferAsync(string from, string to, long amount);
}

[Reentrant]
public sealed class TransferGrain : Grain, ITransferGrain
{
    async Task<bool> ITransferGrain.TransferAsync(string from, string to, long amount)
    {
        if (!await GrainFactory.GetGrain<IBankAccountGrain>(from).WithdrawAsync(amount))
        {
            return false;
        }

        await GrainFactory.GetGrain<IBankAccountGrain>(to).DepositAsync(amount);
        return true;
    }
}
