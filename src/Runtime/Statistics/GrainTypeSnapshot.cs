namespace GrainMarket.Runtime.Statistics;

/// <summary>Statistics of one grain type at one moment.</summary>
public sealed record GrainTypeSnapshot(string GrainType, long Activations, long ActivationsCreated, IReadOnlyList<MethodSnapshot> Methods);
