using System.Collections.Concurrent;
using System.Reflection;
using GrainMarket.Runtime.Statistics;

namespace GrainMarket.Runtime.Metadata;

/// <summary>
/// Knows every grain class of the silo (found in the assemblies given to the runtime), which class implements
/// which grain interface, and the compiled method invokers of each.
/// </summary>
internal sealed class GrainTypeManager
{
    private static readonly HashSet<Type> MarkerInterfaces =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey)];

    private readonly Dictionary<string, GrainClassDescriptor> _byGrainType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClassDescriptor>> _byInterface = [];
    private readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> _interfaces = new();

    public GrainTypeManager(IEnumerable<Assembly> assemblies, GrainStatistics statistics)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (!type.IsClass || type.IsAbstract || !typeof(Grain).IsAssignableFrom(type))
            {
                continue;
            }

            var descriptor = Describe(type, statistics);
            if (!_byGrainType.TryAdd(descriptor.GrainType, descriptor))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byGrainType[descriptor.GrainType].ClassType.FullName} and {type.FullName} share grain type '{descriptor.GrainType}'.");
            }

            foreach (var grainInterface in descriptor.Interfaces.Keys)
            {
                if (!_byInterface.TryGetValue(grainInterface, out var list))
                {
                    _byInterface[grainInterface] = list = [];
                }

                list.Add(descriptor);
            }
        }
    }

    public IEnumerable<GrainClassDescriptor> Classes => _byGrainType.Values;

    public GrainClassDescriptor GetByGrainType(string grainType) =>
        _byGrainType.TryGetValue(grainType, out var descriptor)
            ? descriptor
            : throw new InvalidOperationException($"No grain class has grain type '{grainType}'.");

    public GrainClassDescriptor GetByInterface(Type grainInterface)
    {
        if (!_byInterface.TryGetValue(grainInterface, out var classes))
        {
            throw new InvalidOperationException($"No grain class implements {grainInterface.FullName}; is its assembly registered with the runtime?");
        }

        if (classes.Count > 1)
        {
            throw new InvalidOperationException(
                $"{grainInterface.Name} is implemented by several grain classes ({string.Join(", ", classes.Select(c => c.ClassType.Name))}).");
        }

        return classes[0];
    }

    /// <summary>The interface's methods without any implementation (what a reference needs on a client).</summary>
    public GrainInterfaceDescriptor GetInterface(Type grainInterface) =>
        _interfaces.GetOrAdd(grainInterface, static t => DescribeInterface(t));

    private static GrainClassDescriptor Describe(Type grainClass, GrainStatistics statistics)
    {
        var grainType = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(grainClass);
        var typeStatistics = statistics.ForGrainType(grainType);
        var interfaces = new Dictionary<Type, GrainInterfaceDescriptor>();
        foreach (var grainInterface in grainClass.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && !MarkerInterfaces.Contains(i)))
        {
            var descriptor = DescribeInterface(grainInterface);
            foreach (var method in descriptor.Methods)
            {
                method.Statistics = typeStatistics.ForMethod(method.Name);
            }

            interfaces[grainInterface] = descriptor;
        }

        var isReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>() is not null;
        var hasTransactionalState = grainClass.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Any(p => p.GetCustomAttribute<TransactionalStateAttribute>() is not null);
        if (hasTransactionalState && !isReentrant)
        {
            // A non-reentrant grain waiting for a transaction lock would block the very transaction that holds it.
            throw new InvalidOperationException($"{grainClass.Name} has transactional state and must be marked [Reentrant].");
        }

        return new GrainClassDescriptor
        {
            ClassType = grainClass,
            GrainType = grainType,
            IsReentrant = isReentrant,
            Factory = new GrainFactoryMethod(grainClass),
            Interfaces = interfaces,
            ReminderMethod = interfaces.TryGetValue(typeof(IRemindable), out var remindable) ? remindable.Methods[0] : null,
            Statistics = typeStatistics,
        };
    }

    internal static GrainInterfaceDescriptor DescribeInterface(Type grainInterface)
    {
        if (!grainInterface.IsInterface)
        {
            throw new ArgumentException($"{grainInterface.Name} is not an interface.", nameof(grainInterface));
        }

        var methods = GrainInterfaceDescriptor.GetMethods(grainInterface);
        var descriptors = new GrainMethodDescriptor[methods.Count];
        for (var i = 0; i < methods.Count; i++)
        {
            var method = methods[i];
            if (method.IsGenericMethodDefinition)
            {
                throw new InvalidOperationException($"Generic grain methods are not supported: {grainInterface.Name}.{method.Name}.");
            }

            var (invoker, reader, resultType) = MethodInvokerBuilder.Build(method);
            descriptors[i] = new GrainMethodDescriptor
            {
                Index = i,
                InterfaceMethod = method,
                Name = $"{method.DeclaringType!.Name}.{method.Name}",
                IsReadOnly = method.GetCustomAttribute<ReadOnlyAttribute>() is not null,
                AlwaysInterleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null,
                Transaction = method.GetCustomAttribute<TransactionAttribute>()?.Option ?? TransactionOption.Suppress,
                ResultType = resultType,
                Invoker = invoker,
                ResultReader = reader,
            };
        }

        return new GrainInterfaceDescriptor(grainInterface, descriptors);
    }

    private static string DefaultGrainType(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
