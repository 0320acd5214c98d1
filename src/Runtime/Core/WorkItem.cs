namespace GrainMarket.Runtime.Core;

/// <summary>One turn's worth of work for an activation: a grain call, a timer tick, activation or deactivation.</summary>
internal abstract class WorkItem
{
    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) after which the caller stops waiting.</summary>
    public long Deadline { get; init; } = long.MaxValue;

    /// <summary>Timestamp when the turn started, for latency statistics.</summary>
    public long StartedAt { get; set; }

    /// <summary>The activation running this item, set when its turn starts.</summary>
    public ActivationData? Activation { get; set; }

    public virtual bool IsReadOnly => false;

    public virtual bool AlwaysInterleave => false;

    /// <summary>Whether running this item counts as activity that postpones idle collection.</summary>
    public virtual bool KeepsAlive => true;

    public virtual CallChain? Chain => null;

    /// <summary>Runs the work on the activation's context; the returned task ends the turn.</summary>
    public abstract Task ExecuteAsync(ActivationData activation);

    /// <summary>Reports the outcome of <see cref="ExecuteAsync"/> to whoever waits (called outside the activation's context).</summary>
    public abstract void Complete(ActivationData activation, Task execution);

    /// <summary>Fails the item without running it (timeout, deadlock, failed activation).</summary>
    public abstract void Fail(Exception exception);

    public abstract string Describe();
}
