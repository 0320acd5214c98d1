using GrainMarket.Runtime.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// This silo's membership: it joins as "joining", becomes "active" only once its own silo endpoint answers,
/// writes a heartbeat every period, declares silos with stale heartbeats dead, and refreshes the view placement
/// uses. A silo that finds itself declared dead stops taking work at once and stops the process: dead is final.
/// </summary>
internal sealed partial class MembershipService(
    MembershipTable table,
    MembershipView view,
    LocalSilo self,
    SiloClient client,
    Catalog catalog,
    IHostApplicationLifetime lifetime,
    IOptions<ClusterOptions> options,
    ILogger<MembershipService> logger) : BackgroundService
{
    private readonly ClusterOptions _options = options.Value;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.JoinAsync(_options.ClusterId, self.Info, self.Generation, cancellationToken);
        LogJoined(self.SiloId, _options.ClusterId);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leave placement first, so callers move to the other silos while this one drains.
        try
        {
            await table.SetStatusAsync(_options.ClusterId, self.SiloId, SiloStatusKind.ShuttingDown, cancellationToken);
            await RefreshAsync(cancellationToken);
            LogShuttingDown(self.SiloId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogMembershipFailed(exception);
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Heartbeats start with the joining row, not once active: a start-up slowed by a busy machine (JIT, Kestrel)
        // must not look like a dead silo to the others.
        var activation = BecomeActiveAsync(stoppingToken);
        using var timer = new PeriodicTimer(_options.HeartbeatPeriod);
        do
        {
            try
            {
                if (await table.HeartbeatAsync(_options.ClusterId, self.SiloId, stoppingToken) == SiloStatusKind.Dead)
                {
                    LogDeclaredDead(self.SiloId);
                    catalog.StopAcceptingWork();
                    lifetime.StopApplication();
                    return;
                }

                if (activation.IsCompleted)
                {
                    // Surfaces a failed activation; only an active silo judges the others.
                    await activation;
                    foreach (var dead in await table.DeclareStaleDeadAsync(_options.ClusterId, _options.DeathTimeout, stoppingToken))
                    {
                        LogDeclaredOtherDead(dead);
                    }
                }

                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogMembershipFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Active once the host has started and this silo can reach itself at its advertised address.</summary>
    private async Task BecomeActiveAsync(CancellationToken stoppingToken)
    {
        await WaitForStartAsync(stoppingToken);
        while (!await client.PingAsync(self.Info, stoppingToken))
        {
            await Task.Delay(100, stoppingToken);
        }

        await table.SetStatusAsync(_options.ClusterId, self.SiloId, SiloStatusKind.Active, stoppingToken);

        // At once, not at the next heartbeat: until its own view has it active, this silo would place (and forward)
        // the grains it owns elsewhere, although the others already send them here.
        await RefreshAsync(stoppingToken);
        LogActive(self.SiloId);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var (version, silos) = await table.ReadAsync(_options.ClusterId, cancellationToken);
        view.Update(version, silos);
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} joined cluster {ClusterId}")]
    private partial void LogJoined(string siloId, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} is active")]
    private partial void LogActive(string siloId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} is shutting down")]
    private partial void LogShuttingDown(string siloId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {SiloId} was declared dead by the cluster; it stops now")]
    private partial void LogDeclaredDead(string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {SiloId} dead: its heartbeat is stale")]
    private partial void LogDeclaredOtherDead(string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership update failed")]
    private partial void LogMembershipFailed(Exception exception);
}
