using System.Collections.Concurrent;
using GrainMarket.Runtime.Hosting;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Core;

/// <summary>The activations of this silo: finds or creates the one for a grain id and hands it work.</summary>
internal sealed partial class Catalog(
    IServiceProvider services,
    TimeProvider timeProvider,
    IEnumerable<IIncomingGrainCallFilter> filters,
    TransactionAgent transactions,
    IOptions<GrainRuntimeOptions> options,
    ILogger<Catalog> logger) : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly CancellationTokenSource _shutdown = new();
    private volatile bool _shuttingDown;
    private bool _disposed;

    public IServiceProvider Services { get; } = services;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public IReadOnlyList<IIncomingGrainCallFilter> Filters { get; } = [.. filters];

    public TransactionAgent Transactions { get; } = transactions;

    public GrainRuntimeOptions Options { get; } = options.Value;

    public CancellationToken ShutdownToken => _shutdown.Token;

    public int Count => _activations.Count;

    /// <summary>Hands a request to the grain's activation, creating it when there is none.</summary>
    public void Dispatch(GrainRequest request)
    {
        while (true)
        {
            if (!_activations.TryGetValue(request.Target, out var activation))
            {
                if (_shuttingDown)
                {
                    request.Fail(new SiloUnavailableException($"Silo {Options.SiloName} is shutting down and does not activate {request.Target}."));
                    return;
                }

                var created = new ActivationData(request.Target, request.GrainClass, this);
                activation = _activations.GetOrAdd(request.Target, created);
                if (ReferenceEquals(activation, created))
                {
                    created.Start();
                }
            }

            // False means the activation went away between lookup and enqueue: look again.
            if (activation.Enqueue(request))
            {
                return;
            }
        }
    }

    public bool TryGet(GrainId grainId, out ActivationData? activation) => _activations.TryGetValue(grainId, out activation);

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    /// <summary>Work that reached an activation while it deactivated: calls go to a new activation, timer ticks die with the old one.</summary>
    public void Redispatch(WorkItem item)
    {
        if (item is GrainRequest request)
        {
            Dispatch(request);
        }
    }

    public int CollectIdle()
    {
        var now = TimeProvider.GetTimestamp();
        var age = (long)(Options.CollectionAge.TotalSeconds * TimeProvider.TimestampFrequency);
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.CollectIfIdle(now, age))
            {
                collected++;
            }
        }

        if (collected > 0)
        {
            LogCollected(collected);
        }

        return collected;
    }

    public void FailExpiredRequests()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var activation in _activations.Values)
        {
            activation.FailExpired(now, Options.ResponseTimeout);
        }
    }

    /// <summary>Refuses every new activation from now on (the silo was declared dead or is stopping).</summary>
    public void StopAcceptingWork() => _shuttingDown = true;

    /// <summary>Stops creating activations and deactivates every one, waiting up to the deactivation timeout.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        foreach (var activation in _activations.Values)
        {
            activation.BeginDeactivation(DeactivationReason.ShuttingDown);
        }

        // Real time on purpose: shutdown must not hang on a test's frozen clock.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!_activations.IsEmpty && waited.Elapsed < Options.DeactivationTimeout && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        if (!_activations.IsEmpty)
        {
            LogDeactivationIncomplete(_activations.Count);
        }

        lock (_shutdown)
        {
            if (!_disposed)
            {
                _shutdown.Cancel();
            }
        }
    }

    public void Dispose()
    {
        // The container may dispose the catalog before a late StopAsync; cancelling then must not throw.
        lock (_shutdown)
        {
            _disposed = true;
            _shutdown.Dispose();
        }
    }

    public void LogActivationFailed(GrainId grainId, Exception exception) => LogActivationFailedCore(grainId, exception);

    public void LogDeactivationFailed(GrainId grainId, Exception exception) => LogDeactivationFailedCore(grainId, exception);

    public void LogTimerFailed(GrainId grainId, Exception exception) => LogTimerFailedCore(grainId, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer callback of {GrainId} failed")]
    private partial void LogTimerFailedCore(GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    private partial void LogActivationFailedCore(GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
    private partial void LogDeactivationFailedCore(GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collected {ActivationCount} idle activations")]
    private partial void LogCollected(int activationCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown left {ActivationCount} activations that did not deactivate in time")]
    private partial void LogDeactivationIncomplete(int activationCount);
}
