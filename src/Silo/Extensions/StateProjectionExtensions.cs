using System.Reflection;
using GrainMarket.Persistence.PostgreSql;

namespace GrainMarket.Silo.Extensions;

public static class StateProjectionExtensions
{
    /// <summary>
    /// Registers every <see cref="IStateProjection{TState}"/> implementation of <paramref name="assemblies"/> (the Grains
    /// assembly, and test grain assemblies) as the singleton <c>IStateProjection&lt;TState&gt;</c> that GrainMarket's
    /// PostgreSQL storage asks for when it writes a <c>TState</c>. The storage runs one projection per state type, so
    /// a second one for the same type is refused rather than silently ignored.
    /// </summary>
    public static IServiceCollection AddStateProjections(this IServiceCollection services, IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(assemblies);
        var registered = new Dictionary<Type, Type>();
        foreach (var type in assemblies.Distinct().SelectMany(assembly => assembly.GetTypes()))
        {
            if (type is not { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            {
                continue;
            }

            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStateProjection<>)))
            {
                if (!registered.TryAdd(contract, type))
                {
                    throw new InvalidOperationException(
                        $"{contract.GetGenericArguments()[0]} has two projections, {registered[contract]} and {type}; the storage runs one per state type.");
                }

                services.AddSingleton(contract, type);
            }
        }

        return services;
    }
}
