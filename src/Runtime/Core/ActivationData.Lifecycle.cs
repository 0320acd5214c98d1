using GrainMarket.Runtime.Timers;

namespace GrainMarket.Runtime.Core;

/// <summary>Activation, deactivation, idle collection and response timeouts.</summary>
internal sealed partial class ActivationData
{
    /// <summary>Asks this activation to deactivate once its running turns have finished.</summary>
    internal void BeginDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            BeginDeactivationLocked(reason);
        }
    }

    private void BeginDeactivationLocked(DeactivationReason reason)
    {
        if (_state != ActivationState.Valid)
        {
            return;
        }

        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        PumpLocked();
    }

    /// <summary>Deactivates when idle for at least <paramref name="ageTicks"/> timestamp ticks and not kept alive.</summary>
    internal bool CollectIfIdle(long now, long ageTicks)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _runningCount > 0 || _waiting is { Count: > 0 }
                || now - _lastActivity < ageTicks || now < _keepAliveUntil
                || (_stateParticipants?.Exists(p => p.IsBusy) ?? false))
            {
                return false;
            }

            BeginDeactivationLocked(DeactivationReason.IdleCollection);
            return true;
        }
    }

    /// <summary>Fails requests whose caller has waited past the response timeout; queued ones are dropped, running ones finish unobserved.</summary>
    internal void FailExpired(long now, TimeSpan responseTimeout)
    {
        // Most activations are idle at any moment: they are skipped without their lock. A request that arrives while
        // this looks is caught by the next check, long before its deadline.
        if (Volatile.Read(ref _runningFirst) is null && Volatile.Read(ref _runningMore) is not { Count: > 0 } && Volatile.Read(ref _waiting) is not { Count: > 0 })
        {
            return;
        }

        List<WorkItem>? expired = null;
        lock (_lock)
        {
            if (_runningFirst is { } first && first.Deadline <= now)
            {
                (expired ??= []).Add(first);
            }

            if (_runningMore is not null)
            {
                foreach (var item in _runningMore)
                {
                    if (item.Deadline <= now)
                    {
                        (expired ??= []).Add(item);
                    }
                }
            }

            if (_waiting is { Count: > 0 } waiting && waiting.Any(i => i.Deadline <= now))
            {
                var keep = new Queue<WorkItem>();
                foreach (var item in waiting)
                {
                    if (item.Deadline <= now)
                    {
                        (expired ??= []).Add(item);
                    }
                    else
                    {
                        keep.Enqueue(item);
                    }
                }

                _waiting = keep;
            }
        }

        foreach (var item in expired ?? [])
        {
            item.Fail(new TimeoutException($"No response within {responseTimeout.TotalSeconds:0.###} s for {item.Describe()}."));
        }
    }

    private async Task ActivateAsync()
    {
        GrainClass.Statistics.ActivationCreated();
        var grain = GrainClass.Factory.Create(this);
        GrainInstance = grain;
        foreach (var participant in _stateParticipants ?? [])
        {
            await participant.LoadAsync(_catalog.ShutdownToken);
        }

        await ((Grain)grain).OnActivateAsync(_catalog.ShutdownToken);
    }

    private void OnActivationCompleted(Task execution)
    {
        if (execution.IsCompletedSuccessfully)
        {
            lock (_lock)
            {
                if (_state == ActivationState.Activating)
                {
                    _state = ActivationState.Valid;
                }
            }

            return;
        }

        var error = execution.Exception?.InnerException ?? new OperationCanceledException($"Activation of {GrainId} was cancelled.");
        _catalog.LogActivationFailed(GrainId, error);
        var waiting = Invalidate();
        GrainClass.Statistics.ActivationRemoved();
        foreach (var item in waiting)
        {
            item.Fail(error);
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        foreach (var timer in TakeTimers())
        {
            timer.Dispose();
        }

        if (GrainInstance is Grain grain)
        {
            try
            {
                await grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
            catch (Exception exception)
            {
                _catalog.LogDeactivationFailed(GrainId, exception);
            }
        }
    }

    private void OnDeactivationCompleted()
    {
        var waiting = Invalidate();
        GrainClass.Statistics.ActivationRemoved();

        // Requests that arrived while deactivating go to a fresh activation.
        foreach (var item in waiting)
        {
            _catalog.Redispatch(item);
        }
    }

    private List<WorkItem> Invalidate()
    {
        List<WorkItem> waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = _waiting is null ? [] : [.. _waiting];
            _waiting = null;
        }

        _catalog.Remove(this);
        return waiting;
    }

    private List<GrainTimer> TakeTimers()
    {
        lock (_lock)
        {
            var timers = _timers ?? [];
            _timers = null;
            return timers;
        }
    }

    private sealed class ActivateWorkItem : WorkItem
    {
        public override Task ExecuteAsync(ActivationData activation) => activation.ActivateAsync();

        public override void Complete(ActivationData activation, Task execution) => activation.OnActivationCompleted(execution);

        public override void Fail(Exception exception)
        {
        }

        public override string Describe() => "activation";
    }

    private sealed class DeactivateWorkItem(DeactivationReason reason) : WorkItem
    {
        public override Task ExecuteAsync(ActivationData activation) => activation.DeactivateAsync(reason);

        public override void Complete(ActivationData activation, Task execution) => activation.OnDeactivationCompleted();

        public override void Fail(Exception exception)
        {
        }

        public override string Describe() => $"deactivation ({reason})";
    }
}
