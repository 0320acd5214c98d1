using Orleans.Concurrency;

namespace GrainMarket.Persistence.Tests.Grains;

/// <summary>A transactional account whose balance lives in GrainMarket's PostgreSQL transactional storage.</summary>
[Alias("gm.tests.account")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The committed balance.</summary>
    [Alias("balance"), ReadOnly, Transaction(TransactionOption.CreateOrJoin)]
    Task<long> GetBalanceAsync();

    /// <summary>Adds <paramref name="amount"/>.</summary>
    [Alias("deposit"), Transaction(TransactionOption.CreateOrJoin)]
    Task DepositAsync(long amount);

    /// <summary>Takes <paramref name="amount"/>; throws (and so aborts the transaction) when the balance is short.</summary>
    [Alias("withdraw"), Transaction(TransactionOption.Join)]
    Task WithdrawAsync(long amount);
}
