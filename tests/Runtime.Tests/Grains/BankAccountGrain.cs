namespace GrainMarket.Runtime.Tests.Grains;

/// <summary>Mutable only inside a transaction's private copy.</summary>
public sealed class BankBalance
{
    public long Balance { get; set; }

    /// <summary>Ledger entries applied: one per deposit or withdrawal.</summary>
    public long Entries { get; set; }
}

public sealed record AccountSnapshot(long Balance, long Entries);

public interface IBankAccountGrain : IGrainWithStringKey
{
    /// <summary>Withdraws unless the balance is short; false (and nothing changed) when it is.</summary>
    [Transaction(TransactionOption.Join)]
    Task<bool> WithdrawAsync(long amount);

    [Transaction(TransactionOption.Join)]
    Task DepositAsync(long amount);

    /// <summary>Changes the balance without any check (for write-skew tests: the rule lives in the caller).</summary>
    [Transaction(TransactionOption.Join)]
    Task AdjustAsync(long delta);

    [Transaction(TransactionOption.Join)]
    Task<long> ReadBalanceAsync();

    [Transaction(TransactionOption.CreateOrJoin)]
    Task<AccountSnapshot> GetAsync();

    [Transaction(TransactionOption.Join)]
    Task FailAsync(string message);
}

[Reentrant]
public sealed class BankAccountGrain([TransactionalState("balance")] ITransactionalState<BankBalance> state) : Grain, IBankAccountGrain
{
    Task<bool> IBankAccountGrain.WithdrawAsync(long amount) => state.PerformUpdate(s =>
    {
        if (s.Balance < amount)
        {
            return false;
        }

        s.Balance -= amount;
        s.Entries++;
        return true;
    });

    Task IBankAccountGrain.DepositAsync(long amount) => state.PerformUpdate(s =>
    {
        s.Balance += amount;
        s.Entries++;
    });

    Task IBankAccountGrain.AdjustAsync(long delta) => state.PerformUpdate(s =>
    {
        s.Balance += delta;
        s.Entries++;
    });

    Task<long> IBankAccountGrain.ReadBalanceAsync() => state.PerformRead(s => s.Balance);

    Task<AccountSnapshot> IBankAccountGrain.GetAsync() => state.PerformRead(s => new AccountSnapshot(s.Balance, s.Entries));

    Task IBankAccountGrain.FailAsync(string message) => state.PerformUpdate(_ => throw new InvalidOperationException(message));
}
