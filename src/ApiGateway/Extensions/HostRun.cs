namespace GrainMarket.ApiGateway.Extensions;

/// <summary>How the silo and the standalone gateway run their host.</summary>
public static class HostRun
{
    /// <summary>
    /// Runs the host until it is stopped. A stop asked for (SIGTERM, Ctrl-C) while the host is still starting cancels
    /// the start: the host then stops whatever had started (the silo leaves the cluster) and the process exits 0 as for
    /// any stop, instead of dying of the cancelled start (a pod told to stop while it comes up is not a crash).
    /// </summary>
    public static async Task RunUntilStoppedAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Taken before the run: RunAsync disposes the host (and its services) before a failed start reaches the filter
        // below, where resolving the lifetime would throw and the filter would not match.
        var stopping = app.Lifetime.ApplicationStopping;
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            app.Logger.LogInformation("Stopped before it finished starting.");
        }
    }
}
