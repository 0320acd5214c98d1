namespace GrainMarket.Runtime;

/// <summary>Marks an interface method whose requests interleave with any other request.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
