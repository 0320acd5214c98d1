namespace GrainMarket.Runtime.Cluster;

/// <summary>A silo's membership status. Dead is final.</summary>
public enum SiloStatusKind
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
