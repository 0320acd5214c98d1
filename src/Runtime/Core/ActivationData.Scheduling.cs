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
    private Queue<(SendOrPostCallback Callback, object? State)>? _turnsToStart;
    private bool _scheduled;

    public override void Post(SendOrPostCallback d, object? state) => Enqueue(ref _posted, d, state);

    /// <summary>Queues the start of a turn, behind the continuations of the turns already running.</summary>
    private void PostTurn(WorkItem item) => Enqueue(ref _turnsToStart, StartTurn, item);

    private void Enqueue(ref Queue<(SendOrPostCallback, object?)>? queue, SendOrPostCallback callback, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            (queue ??= new Queue<(SendOrPostCallback, object?)>()).Enqueue((callback, state));
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
                    // Continuations of running turns first, then the start of the next turn.
                    if (_posted?.TryDequeue(out item) != true && _turnsToStart?.TryDequeue(out item) != true)
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
