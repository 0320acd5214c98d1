using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// The one place that runs a transaction again (ORLEANS-STYLE O15): a call whose grain method creates a transaction is
/// retried while <see cref="TransactionFailures.IsRetryable"/> says the abort came from the transaction machinery (a lock
/// conflict, a prepare timeout, a lost storage version check) — such an abort applied nothing, so running it again is
/// safe. A grain's own refusal and an in-doubt outcome are never retried; what is left after the last attempt goes to
/// <see cref="DomainExceptionHandler"/>.
/// </summary>
public static class TransactionRetry
{
    private const int MaxAttempts = 5;

    /// <summary>The longest pause before an attempt; pauses double from 10 ms up to it, each drawn at random below its bound.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(160);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < MaxAttempts && TransactionFailures.IsRetryable(exception))
            {
                // Full jitter: colliding transactions pick different pauses, so they do not collide again in step.
                var bound = Math.Min(MaxBackoff.TotalMilliseconds, 10 * Math.Pow(2, attempt - 1));
                await Task.Delay(TimeSpan.FromMilliseconds(1 + (Random.Shared.NextDouble() * bound)), cancellationToken);
            }
        }
    }
}
