namespace GrainMarket.Runtime;

/// <summary>Marks an interface method that does not change state: it may interleave with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
