using System.Reflection;
using System.Runtime.Loader;
using Orleans.Hosting;
using Orleans.Serialization;

namespace GrainMarket.Silo.Extensions;

/// <summary>Grain assemblies beyond the ones the silo references: test and diagnostic grains.</summary>
public static class GrainAssemblyExtensions
{
    /// <summary>Loads the assemblies named in <c>GRAINMARKET_GRAIN_ASSEMBLIES</c> (paths, <c>;</c>-separated) into the default context.</summary>
    public static IReadOnlyList<Assembly> Load(string? paths) =>
        [.. (paths ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path)))];

    /// <summary>
    /// Adds the code Orleans' SDK generated in each assembly: its type manifest provider lists the assembly's grain
    /// classes and interfaces (which become the silo's grain types) and its serializers, copiers and activators.
    /// </summary>
    public static ISiloBuilder AddGrainAssemblies(this ISiloBuilder silo, IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var assembly in assemblies)
        {
            silo.Services.AddSerializer(serializer => serializer.AddAssembly(assembly));
        }

        return silo;
    }
}
