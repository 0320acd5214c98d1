namespace GrainMarket.Runtime.Metadata;

/// <summary>A grain interface: its methods in a stable order (the index a grain reference sends).</summary>
internal sealed class GrainInterfaceDescriptor(Type interfaceType, IReadOnlyList<GrainMethodDescriptor> methods)
{
    public Type InterfaceType { get; } = interfaceType;

    public IReadOnlyList<GrainMethodDescriptor> Methods { get; } = methods;

    /// <summary>Sorted method list of an interface including the interfaces it extends (the proxy's slot order).</summary>
    public static IReadOnlyList<System.Reflection.MethodInfo> GetMethods(Type interfaceType) =>
        [.. new[] { interfaceType }
            .Concat(interfaceType.GetInterfaces())
            .Where(i => i != typeof(IGrain) && i != typeof(IGrainWithStringKey) && i != typeof(IGrainWithGuidKey) && i != typeof(IGrainWithIntegerKey))
            .OrderBy(i => i.FullName, StringComparer.Ordinal)
            .SelectMany(i => i.GetMethods().OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.ToString(), StringComparer.Ordinal))];
}
