namespace GrainMarket.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    ApplicationRequested,
    IdleCollection,
    InconsistentState,
    ActivationFailed,
    ShuttingDown,
}
