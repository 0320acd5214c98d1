namespace GrainMarket.Cluster.TestGrains;

/// <summary>
/// Reentrant, as every transactional grain of the marketplace is: a call waiting for the account's transactional lock
/// must not hold the grain's turn, or the calls queued behind it (another transfer's deposit) wait for that lock too, and
/// two transfers in opposite directions stall each other until a lock timeout breaks them. The state is touched only in
/// the synchronous callbacks of PerformRead and PerformUpdate, under the transaction's lock.
/// </summary>
[Reentrant]
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
