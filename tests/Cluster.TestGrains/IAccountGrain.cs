using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

/// <summary>A transactional account for cross-silo transaction tests.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    [Transaction(TransactionOption.Join)]
    Task<bool> WithdrawAsync(long amount);

    [Transaction(TransactionOption.Join)]
    Task DepositAsync(long amount);

    [Transaction(TransactionOption.CreateOrJoin)]
    Task<AccountSnapshot> GetAsync();
}
