namespace GrainMarket.Cluster.TestGrains;

[GrainType("account")]
public sealed class AccountGrain([TransactionalState("balance")] ITransactionalState<AccountBalance> state) : Grain, IAccountGrain
{
    Task<bool> IAccountGrain.WithdrawAsync(long amount) => state.PerformUpdate(s =>
    {
        if (s.Balance < amount)
        {
            return false;
        }

        s.Balance -= amount;
        s.Entries++;
        return true;
    });

    Task IAccountGrain.DepositAsync(long amount) => state.PerformUpdate(s =>
    {
        s.Balance += amount;
        s.Entries++;
    });

    Task<AccountSnapshot> IAccountGrain.GetAsync() => state.PerformRead(s => new AccountSnapshot(s.Balance, s.Entries));
}
