using GrainMarket.Runtime.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Hosting;

/// <summary>
/// Runs the catalog's housekeeping — idle collection every collection quantum, expired calls every check period —
/// on the injected clock, and deactivates every grain at shutdown.
/// </summary>
internal sealed class SiloLifecycleService(Catalog catalog, TimeProvider timeProvider, IOptions<GrainRuntimeOptions> options, SiloStatus status)
    : IHostedService, IAsyncDisposable
{
    private ITimer? _collector;
    private ITimer? _timeouts;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _collector = timeProvider.CreateTimer(static c => ((Catalog)c!).CollectIdle(), catalog, settings.CollectionQuantum, settings.CollectionQuantum);
        _timeouts = timeProvider.CreateTimer(static c => ((Catalog)c!).FailExpiredRequests(), catalog, settings.ResponseTimeoutCheckPeriod, settings.ResponseTimeoutCheckPeriod);
        status.MarkActive(true);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        status.MarkActive(false);
        await catalog.DeactivateAllAsync(cancellationToken);
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        if (_timeouts is not null)
        {
            await _timeouts.DisposeAsync();
        }
    }
}
