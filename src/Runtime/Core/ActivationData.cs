using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Storage;
using GrainMarket.Runtime.Timers;
using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Core;

/// <summary>
/// One activation of a grain on this silo: the grain instance, its turn gate (one request at a time unless the
/// grain or the method allows interleaving), its lifecycle and its timers.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly Lock _lock = new();
    private readonly Catalog _catalog;
    private Queue<WorkItem>? _waiting;
    private WorkItem? _runningFirst;
    private List<WorkItem>? _runningMore;
    private int _runningCount;
    private int _runningWriters;
    private List<IActivationStateParticipant>? _stateParticipants;
    private List<GrainTimer>? _timers;
    private ActivationState _state = ActivationState.Activating;
    private DeactivationReason _deactivationReason;
    private bool _deactivateOnIdle;
    private bool _deactivationStarted;
    private long _lastActivity;
    private long _keepAliveUntil;

    public ActivationData(GrainId grainId, GrainClassDescriptor grainClass, Catalog catalog)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _catalog = catalog;
        _lastActivity = catalog.TimeProvider.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassDescriptor GrainClass { get; }

    public object? GrainInstance { get; private set; }

    public IServiceProvider ActivationServices => _catalog.Services;

    internal TimeProvider TimeProvider => _catalog.TimeProvider;

    internal CancellationToken ShutdownToken => _catalog.ShutdownToken;

    internal void LogTimerFailed(Exception exception) => _catalog.LogTimerFailed(GrainId, exception);

    internal ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public void DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateOnIdle = true;
            if (_runningCount == 0)
            {
                BeginDeactivationLocked(DeactivationReason.ApplicationRequested);
            }
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = TimeProvider.GetTimestamp() + (long)(timeSpan.TotalSeconds * TimeProvider.TimestampFrequency);
        lock (_lock)
        {
            _keepAliveUntil = Math.Max(_keepAliveUntil, until);
        }
    }

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer<TState>(this, callback, state, options);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"{GrainId} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    internal void AddStateParticipant(IActivationStateParticipant participant) => (_stateParticipants ??= []).Add(participant);

    /// <summary>Starts the activation: creating the grain, reading its state and running OnActivateAsync is the first turn.</summary>
    internal void Start()
    {
        lock (_lock)
        {
            StartLocked(new ActivateWorkItem());
        }
    }

    /// <summary>Accepts a work item; returns false when this activation is gone and the caller must look again.</summary>
    internal bool Enqueue(WorkItem item)
    {
        Exception? rejection = null;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            if (_state == ActivationState.Valid && CanStartLocked(item))
            {
                StartLocked(item);
                return true;
            }

            if (_runningCount > 0 && !GrainClass.IsReentrant && item.Chain is { } chain && chain.Contains(GrainId))
            {
                rejection = new DeadlockException(
                    $"Deadlock: {chain.Describe(GrainId)}. {GrainId} is not reentrant and is waiting on this call chain, so the call can never run.");
            }
            else
            {
                (_waiting ??= new Queue<WorkItem>()).Enqueue(item);
            }
        }

        if (rejection is not null)
        {
            item.Fail(rejection);
        }

        return true;
    }

    private bool CanStartLocked(WorkItem item) =>
        _runningCount == 0
        || GrainClass.IsReentrant
        || item.AlwaysInterleave
        || (item.IsReadOnly && _runningWriters == 0);

    private void StartLocked(WorkItem item)
    {
        _runningCount++;
        if (!item.IsReadOnly)
        {
            _runningWriters++;
        }

        if (_runningFirst is null)
        {
            _runningFirst = item;
        }
        else
        {
            (_runningMore ??= []).Add(item);
        }

        var now = TimeProvider.GetTimestamp();
        item.StartedAt = now;
        item.Activation = this;
        if (item.KeepsAlive)
        {
            _lastActivity = now;
        }

        PostTurn(item);
    }

    private async Task RunTurnAsync(WorkItem item)
    {
        RuntimeContext.Current = item;
        TransactionContext.Current = (item as GrainRequest)?.Transaction;
        Task execution;
        try
        {
            execution = item.ExecuteAsync(this);
        }
        catch (Exception exception)
        {
            execution = Task.FromException(exception);
        }

        if (!execution.IsCompleted)
        {
            await execution.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        RuntimeContext.Current = null;
        TransactionContext.Current = null;
        OnTurnCompleted(item, execution);
    }

    private void OnTurnCompleted(WorkItem item, Task execution)
    {
        // Statistics first, so a caller that resumes never sees counts that miss its own call.
        if (item is GrainRequest request && request.Method.Statistics is { } statistics)
        {
            statistics.Record(TimeProvider.GetElapsedTime(item.StartedAt), execution.IsFaulted);
        }

        OutsideContext(static x => x.Item.Complete(x.Activation, x.Execution), (Item: item, Activation: this, Execution: execution));

        lock (_lock)
        {
            _runningCount--;
            if (!item.IsReadOnly)
            {
                _runningWriters--;
            }

            if (ReferenceEquals(_runningFirst, item))
            {
                _runningFirst = null;
            }
            else
            {
                _runningMore?.Remove(item);
            }

            if (item.KeepsAlive)
            {
                _lastActivity = TimeProvider.GetTimestamp();
            }

            if (execution.Exception?.InnerException is InconsistentStateException && _state == ActivationState.Valid)
            {
                BeginDeactivationLocked(DeactivationReason.InconsistentState);
            }

            PumpLocked();
        }
    }

    /// <summary>Starts whatever may start now, in arrival order.</summary>
    private void PumpLocked()
    {
        if (_state == ActivationState.Valid && _deactivateOnIdle && _runningCount == 0)
        {
            BeginDeactivationLocked(DeactivationReason.ApplicationRequested);
        }

        if (_state == ActivationState.Deactivating)
        {
            if (_runningCount == 0 && !_deactivationStarted)
            {
                _deactivationStarted = true;
                StartLocked(new DeactivateWorkItem(_deactivationReason));
            }

            return;
        }

        while (_state == ActivationState.Valid && _waiting is { Count: > 0 } waiting && CanStartLocked(waiting.Peek()))
        {
            StartLocked(waiting.Dequeue());
        }
    }
}
