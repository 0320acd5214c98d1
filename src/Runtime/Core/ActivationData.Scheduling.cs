namespace GrainMarket.Runtime.Core;

/// <summary>
/// The activation is its own <see cref="SynchronizationContext"/>: every continuation of grain code is posted back
/// here and run one at a time, so grain code is single-threaded even when requests interleave. Continuations of turns
/// already running go before the start of new turns: under a flood of requests to one grain (a hot auction), work that
/// is under way (a write's completion, the answers waiting on it) finishes first instead of queueing behind every
/// request that arrived meanwhile. New turns still start in arrival order, and continuations cannot starve them: each
/// comes from a turn that has started and will end.
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem
{
    private const int MaxItemsPerSlice = 64;
    private static readonly SendOrPostCallback StartTurn = static state => { var work = (WorkItem)state!; _ = work.Activation!.RunTurnAsync(work); };

    private Queue<(SendOrPostCallback Callback, object? State)>? _posted;
    private Queue<WorkItem>? _turnsToStart;
    private bool _scheduled;

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            (_posted ??= new Queue<(SendOrPostCallback, object?)>()).Enqueue((d, state));
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Queues the start of a turn, behind the continuations of the turns already running.</summary>
    private void PostTurn(WorkItem item)
    {
        bool schedule;
        lock (_lock)
        {
            (_turnsToStart ??= new Queue<WorkItem>()).Enqueue(item);
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException($"Blocking on {GrainId}'s context would deadlock it.");

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < MaxItemsPerSlice; i++)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_lock)
                {
                    if (_posted is not null && _posted.TryDequeue(out item))
                    {
                        // A continuation of a running turn.
                    }
                    else if (_turnsToStart is not null && _turnsToStart.TryDequeue(out var turn))
                    {
                        item = (StartTurn, turn);
                    }
                    else
                    {
                        _scheduled = false;
                        return;
                    }
                }

                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        // The slice is used up but work remains: yield the thread and come back.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Runs <paramref name="action"/> with no synchronization context, so that code resumed inline (a caller's continuation) does not run on this activation.</summary>
    private static void OutsideContext<TArg>(Action<TArg> action, TArg argument)
    {
        var previous = Current;
        SetSynchronizationContext(null);
        try
        {
            action(argument);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
