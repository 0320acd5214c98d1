using GrainMarket.Runtime.Metadata;

namespace GrainMarket.Runtime;

/// <summary>What all references of one grain interface share: where calls go, the interface, and its grain type.</summary>
public sealed class GrainReferenceShared
{
    internal GrainReferenceShared(IGrainCallInvoker invoker, GrainInterfaceDescriptor grainInterface, string grainType, GrainClassDescriptor? grainClass)
    {
        Invoker = invoker;
        Interface = grainInterface;
        GrainType = grainType;
        GrainClass = grainClass;
    }

    internal IGrainCallInvoker Invoker { get; }

    internal GrainInterfaceDescriptor Interface { get; }

    internal string GrainType { get; }

    /// <summary>The implementing class, known only inside a silo that hosts it.</summary>
    internal GrainClassDescriptor? GrainClass { get; }
}
