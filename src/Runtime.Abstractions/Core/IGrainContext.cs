namespace GrainMarket.Runtime;

/// <summary>The runtime's side of one activation, as seen by the grain it hosts.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    object? GrainInstance { get; }

    IServiceProvider ActivationServices { get; }

    /// <summary>Deactivates this activation once its current turn has finished.</summary>
    void DeactivateOnIdle();

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);
}
