namespace GrainMarket.Runtime.Core;

/// <summary>
/// The activation is its own <see cref="SynchronizationContext"/>: every continuation of grain code is posted back
/// here and run one at a time, so grain code is single-threaded even when requests interleave.
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem
{
    private const int MaxItemsPerSlice = 64;
    private Queue<(SendOrPostCallback Callback, object? State)>? _posted;
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
                    if (_posted is null || !_posted.TryDequeue(out item))
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
