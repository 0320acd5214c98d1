namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// Whether the host serves: set once every hosted service has started (on a silo: the schema is migrated and the silo
/// is active in the cluster; on the standalone gateway: the Orleans client has connected), cleared as soon as the host
/// starts stopping, so that a load balancer moves away before the silo drains. Read by <see cref="ReadinessCheck"/>.
/// </summary>
internal sealed class HostRunning : IHostedLifecycleService
{
    private volatile bool _running;

    public bool IsRunning => _running;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _running = true;
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _running = false;
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
