using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Metadata;

namespace GrainMarket.Runtime;

/// <summary>What all references of one grain interface share: the runtime, the interface and its implementing class.</summary>
public sealed class GrainReferenceShared
{
    internal GrainReferenceShared(GrainRuntime runtime, GrainInterfaceDescriptor grainInterface, GrainClassDescriptor grainClass)
    {
        Runtime = runtime;
        Interface = grainInterface;
        GrainClass = grainClass;
    }

    internal GrainRuntime Runtime { get; }

    internal GrainInterfaceDescriptor Interface { get; }

    internal GrainClassDescriptor GrainClass { get; }
}
