namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// Whether the host serves: set once every hosted service has started (on a silo: the schema is migrated and the silo
/// is active in the cluster; on the standalone gateway: the Orleans client has connected), cleared as soon as the host
/// starts stopping, so that a load balancer moves away before the silo drains. Read by <see cref="ReadinessCheck"/>.
/// </summary>
/// <remarks>
/// After clearing it, <see cref="StoppingAsync"/> waits out the <see cref="ShutdownDrain"/>: the host calls every
/// service's <c>StopAsync</c> only after every <c>StoppingAsync</c> has returned, so meanwhile Kestrel still accepts
/// connections and the silo still hosts its grains. Then the host stops its services in the reverse order of their
/// registration: Kestrel first (registered last by <c>WebApplicationBuilder</c>), which refuses new connections and
/// lets the requests in flight finish, then Orleans (the silo leaves the cluster and deactivates its grains, or the
/// client disconnects).
/// </remarks>
internal sealed partial class HostRunning(ShutdownDrain drain, ILogger<HostRunning> logger) : IHostedLifecycleService
{
    private volatile bool _running;

    public bool IsRunning => _running;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _running = true;
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _running = false;
        if (drain.Delay <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(logger, drain.Delay.TotalSeconds);

        // The host's shutdown timeout ends the drain early; the services are then stopped at once, not failed.
        await Task.Delay(drain.Delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        LogDrained(logger);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: /readyz answers 503; serving for {DrainSeconds} s more before the listener closes")]
    private static partial void LogDraining(ILogger logger, double drainSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained: the listener closes once the requests in flight have their answers")]
    private static partial void LogDrained(ILogger logger);
}
