namespace GrainMarket.Runtime;

/// <summary>
/// Names the grain type of an implementation class (the first part of its <see cref="GrainId"/>). Without it the
/// name is the class name, lower-cased, without a trailing <c>Grain</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}
