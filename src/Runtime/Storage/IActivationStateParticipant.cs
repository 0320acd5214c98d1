namespace GrainMarket.Runtime.Storage;

/// <summary>State bound to an activation that is loaded before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IActivationStateParticipant
{
    Task LoadAsync(CancellationToken cancellationToken);
}
