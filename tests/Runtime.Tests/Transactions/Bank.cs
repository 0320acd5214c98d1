using GrainMarket.Runtime.Tests.Grains;

namespace GrainMarket.Runtime.Tests.Transactions;

/// <summary>Transfers and reads through <see cref="ITransactionClient"/>, retrying aborted transactions as a client should.</summary>
public sealed class Bank(IGrainFactory grains, ITransactionClient transactions)
{
    private const int MaxAttempts = 200;

    public int Retries => _retries;

    private int _retries;

    public static string NewAccount() => $"acct-{Guid.NewGuid():N}";

    public IBankAccountGrain Account(string key) => grains.GetGrain<IBankAccountGrain>(key);

    public Task FundAsync(string key, long amount) =>
        RetryAsync(() => transactions.RunTransaction(TransactionOption.Create, () => Account(key).DepositAsync(amount)));

    /// <summary>Moves <paramref name="amount"/>; false when the source was short and the transaction was aborted on purpose.</summary>
    public async Task<bool> TransferAsync(string from, string to, long amount)
    {
        var declined = false;
        await RetryAsync(() =>
        {
            declined = false;
            return transactions.RunTransaction(TransactionOption.Create, async () =>
            {
                if (!await Account(from).WithdrawAsync(amount))
                {
                    declined = true;
                    return false;
                }

                await Account(to).DepositAsync(amount);
                return true;
            });
        });
        return !declined;
    }

    public async Task<AccountSnapshot> GetAsync(string key)
    {
        AccountSnapshot? snapshot = null;
        await RetryAsync(async () => snapshot = await Account(key).GetAsync());
        return snapshot!;
    }

    public async Task RetryAsync(Func<Task> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (TransactionAbortedException exception) when (i < MaxAttempts && exception.Reason is TransactionAbortReason.Conflict or TransactionAbortReason.LockTimeout)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(Random.Shared.Next(1, 5 + i));
            }
        }
    }
}
