namespace GrainMarket.Runtime.Core;

internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
