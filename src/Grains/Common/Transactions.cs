using Orleans.Transactions;

namespace GrainMarket.Common;

/// <summary>
/// Runs a grain's own transaction and retries it while it fails in a way that applied nothing and may pass next time
/// (<see cref="TransactionFailures.IsRetryable"/>: a lock conflict or upgrade, a prepare timeout, a cascading abort, a
/// version conflict in storage, an overload), a bounded number of times with a random pause. A delegate that returns
/// false aborts on purpose: nothing is applied, nothing is thrown, and it is not retried. A domain error thrown inside
/// and an in-doubt outcome (<see cref="OrleansTransactionInDoubtException"/>: it may have committed) are never retried.
/// </summary>
public static class Transactions
{
    private const int MaxAttempts = 8;

    /// <summary>The longest pause before an attempt; the pause before attempt n is random up to 10 ms × 2^(n-1), capped here.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    /// <summary>Returns whether the transaction committed (false: the delegate aborted it).</summary>
    public static async Task<bool> RunAsync(this ITransactionClient client, Func<Task<bool>> transaction)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(transaction);
        for (var attempt = 1; ; attempt++)
        {
            var committed = false;
            try
            {
                await client.RunTransaction(TransactionOption.Create, async () => committed = await transaction());
                return committed;
            }
            catch (Exception exception) when (attempt < MaxAttempts && exception is not OrleansTransactionInDoubtException && TransactionFailures.IsRetryable(exception))
            {
                await Task.Delay(Backoff(attempt));
            }
        }
    }

    /// <summary>As <see cref="RunAsync(ITransactionClient, Func{Task{bool}})"/> for a delegate that always asks to commit.</summary>
    public static Task RunAsync(this ITransactionClient client, Func<Task> transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return client.RunAsync(async () =>
        {
            await transaction();
            return true;
        });
    }

    /// <summary>Full jitter: contenders that collided once spread out instead of colliding again in step.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 10 * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(1 + (Random.Shared.NextDouble() * ceiling));
    }
}
