using GrainMarket.Runtime;

namespace GrainMarket.Bench;

public sealed class BenchBalance
{
    public long Balance { get; set; }
}

public interface IBenchAccountGrain : IGrainWithIntegerKey
{
    [Transaction(TransactionOption.Join)]
    Task<bool> WithdrawAsync(long amount);

    [Transaction(TransactionOption.Join)]
    Task DepositAsync(long amount);
}

[Reentrant]
public sealed class BenchAccountGrain([TransactionalState("balance")] ITransactionalState<BenchBalance> state) : Grain, IBenchAccountGrain
{
    Task<bool> IBenchAccountGrain.WithdrawAsync(long amount) => state.PerformUpdate(s =>
    {
        if (s.Balance < amount)
        {
            return false;
        }

        s.Balance -= amount;
        return true;
    });

    Task IBenchAccountGrain.DepositAsync(long amount) => state.PerformUpdate(s => s.Balance += amount);
}
