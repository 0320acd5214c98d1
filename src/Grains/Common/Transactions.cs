namespace GrainMarket.Common;

/// <summary>
/// Runs a grain's own transaction and retries it while it aborts for contention (a lock wound, a version conflict):
/// an aborted transaction applied nothing, so running it again is safe. A delegate that returns false aborts on
/// purpose and is not retried; an in-doubt outcome is never retried.
/// </summary>
public static class Transactions
{
    private const int MaxAttempts = 8;

    /// <summary>Returns whether the transaction committed (false: the delegate aborted it).</summary>
    public static async Task<bool> RunAsync(this ITransactionClient client, Func<Task<bool>> transaction)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 1; ; attempt++)
        {
            var committed = false;
            try
            {
                await client.RunTransaction(TransactionOption.Create, async () => committed = await transaction());
                return committed;
            }
            catch (TransactionAbortedException exception) when (exception.Reason != TransactionAbortReason.UserAbort && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)));
            }
        }
    }

    public static Task RunAsync(this ITransactionClient client, Func<Task> transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return client.RunAsync(async () =>
        {
            await transaction();
            return true;
        });
    }
}
