using GrainMarket.Runtime.Core;

namespace GrainMarket.Runtime.Timers;

/// <summary>
/// A grain timer: each tick is a turn of its activation, the next tick is armed only after the previous one
/// finished (so ticks never overlap), and the timer dies with the activation.
/// </summary>
internal abstract class GrainTimer : IGrainTimer
{
    private readonly Lock _lock = new();
    private readonly ActivationData _activation;
    private ITimer? _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _disposed;

    protected GrainTimer(ActivationData activation, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _dueTime = options.DueTime;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
    }

    private bool Interleave { get; }

    private bool KeepAlive { get; }

    public void Start() => Arm(_dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _dueTime = dueTime;
            _period = period;
        }

        Arm(dueTime);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }

        _activation.RemoveTimer(this);
    }

    protected abstract Task InvokeCallbackAsync(CancellationToken cancellationToken);

    private void Arm(TimeSpan dueTime)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _timer?.Dispose();
            _timer = _activation.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).OnFired(), this, dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnFired()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
        }

        if (!_activation.Enqueue(new TickWorkItem(this)))
        {
            Dispose();
        }
    }

    private void OnTickCompleted(Task execution)
    {
        if (execution.Exception?.InnerException is { } error)
        {
            _activation.LogTimerFailed(error);
        }

        TimeSpan period;
        lock (_lock)
        {
            period = _period;
        }

        if (period == Timeout.InfiniteTimeSpan)
        {
            Dispose();
        }
        else
        {
            Arm(period);
        }
    }

    private sealed class TickWorkItem(GrainTimer timer) : WorkItem
    {
        public override bool AlwaysInterleave => timer.Interleave;

        public override bool KeepsAlive => timer.KeepAlive;

        public override Task ExecuteAsync(ActivationData activation) => timer.InvokeCallbackAsync(activation.ShutdownToken);

        public override void Complete(ActivationData activation, Task execution) => timer.OnTickCompleted(execution);

        public override void Fail(Exception exception)
        {
        }

        public override string Describe() => "timer tick";
    }
}
