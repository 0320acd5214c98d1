using GrainMarket.Runtime;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Retries a call whose grain method creates a transaction when it aborts (lock conflict, version conflict): an
/// aborted transaction applied nothing, so running it again is safe. Never retries in-doubt outcomes.
/// </summary>
public static class TransactionRetry
{
    private const int MaxAttempts = 5;

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TransactionAbortedException exception) when (attempt < MaxAttempts && exception.Reason != TransactionAbortReason.UserAbort)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }
}
