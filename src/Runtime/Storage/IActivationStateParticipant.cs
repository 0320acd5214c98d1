namespace GrainMarket.Runtime.Storage;

/// <summary>State bound to an activation that is loaded before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IActivationStateParticipant
{
    /// <summary>True while the state holds something that idle collection must not drop (a transaction lock).</summary>
    bool IsBusy => false;

    Task LoadAsync(CancellationToken cancellationToken);
}
