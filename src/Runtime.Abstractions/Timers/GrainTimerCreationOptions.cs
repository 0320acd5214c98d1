namespace GrainMarket.Runtime;

/// <summary>Options of a grain timer, named as in Orleans.</summary>
public sealed record GrainTimerCreationOptions
{
    /// <summary>Delay before the first tick.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</summary>
    public TimeSpan Period { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Whether ticks may interleave with requests. By default a tick is a turn like any other.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as activity and so keep the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
