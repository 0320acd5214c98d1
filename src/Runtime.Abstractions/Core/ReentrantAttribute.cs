namespace GrainMarket.Runtime;

/// <summary>Lets the grain's requests interleave at await points. Execution stays single-threaded.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
