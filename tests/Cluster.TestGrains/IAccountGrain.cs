namespace GrainMarket.Cluster.TestGrains;

/// <summary>A transactional account for cross-silo transaction tests.</summary>
[Alias("gm.clustertest.account")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="amount"/> if the balance covers it; false (and no change) otherwise.</summary>
    [Alias("withdraw"), Transaction(TransactionOption.Join)]
    Task<bool> WithdrawAsync(long amount);

    /// <summary>Adds <paramref name="amount"/>.</summary>
    [Alias("deposit"), Transaction(TransactionOption.Join)]
    Task DepositAsync(long amount);

    /// <summary>The committed balance and how many entries made it.</summary>
    [Alias("get"), ReadOnly, Transaction(TransactionOption.CreateOrJoin)]
    Task<AccountSnapshot> GetAsync();
}
