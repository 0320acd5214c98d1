using Orleans;

namespace GrainMarket.ApiGateway.Cluster;

/// <summary>
/// Keeps the Orleans client trying to reach the cluster at start-up for as long as it takes, instead of Orleans' default
/// of giving up after about 15 attempts: gateways may start before any silo (or before PostgreSQL), and the host
/// starts serving (and <c>/readyz</c> answers) only once the client is connected. Stops when the host is shut down.
/// </summary>
internal sealed class RetryUntilConnected(ILogger<RetryUntilConnected> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>A failure is logged the first time, then once every this many attempts.</summary>
    private const int LogEvery = 30;

    private int _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var failures = Interlocked.Increment(ref _failures);
        if (failures % LogEvery == 1)
        {
            logger.LogWarning(exception, "The cluster is not reachable yet (attempt {Attempt}); trying again every {RetryDelay}", failures, RetryDelay);
        }

        try
        {
            await Task.Delay(RetryDelay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
