using GrainMarket.Runtime.Statistics;

namespace GrainMarket.Runtime.Metadata;

/// <summary>A grain implementation class: its grain type name, how it interleaves, how to build it, and its interfaces.</summary>
internal sealed class GrainClassDescriptor
{
    public required Type ClassType { get; init; }

    public required string GrainType { get; init; }

    public required bool IsReentrant { get; init; }

    public required GrainFactoryMethod Factory { get; init; }

    public required IReadOnlyDictionary<Type, GrainInterfaceDescriptor> Interfaces { get; init; }

    /// <summary><see cref="IRemindable.ReceiveReminder"/> for classes that implement it.</summary>
    public GrainMethodDescriptor? ReminderMethod { get; init; }

    public required GrainTypeStatistics Statistics { get; init; }

    public GrainInterfaceDescriptor GetInterface(Type interfaceType) =>
        Interfaces.TryGetValue(interfaceType, out var descriptor)
            ? descriptor
            : throw new InvalidOperationException($"Grain class {ClassType.Name} does not implement {interfaceType.Name}.");
}
