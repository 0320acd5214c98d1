using System.Reflection;
using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Storage;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Runtime.Metadata;

/// <summary>
/// Builds a grain instance for an activation: constructor parameters marked <see cref="PersistentStateAttribute"/>
/// get a state bound to that activation, everything else comes from the silo's services.
/// </summary>
internal sealed class GrainFactoryMethod
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<ActivationData, object?>[] _arguments;

    public GrainFactoryMethod(Type grainClass)
    {
        var constructors = grainClass.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new InvalidOperationException($"Grain class {grainClass.Name} must have exactly one public constructor.");
        }

        _constructor = constructors[0];
        _arguments = [.. _constructor.GetParameters().Select(p => BuildArgument(grainClass, p))];
    }

    public object Create(ActivationData activation)
    {
        var values = new object?[_arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _arguments[i](activation);
        }

        var previous = GrainConstruction.Current;
        GrainConstruction.Current = activation;
        try
        {
            return _constructor.Invoke(values);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        finally
        {
            GrainConstruction.Current = previous;
        }
    }

    private static Func<ActivationData, object?> BuildArgument(Type grainClass, ParameterInfo parameter)
    {
        if (BuildStateArgument(grainClass, parameter) is { } state)
        {
            return state;
        }

        var parameterType = parameter.ParameterType;
        if (parameterType == typeof(IGrainContext))
        {
            return activation => activation;
        }

        return activation => activation.ActivationServices.GetService(parameterType)
            ?? (parameter.HasDefaultValue
                ? parameter.DefaultValue
                : throw new InvalidOperationException($"{grainClass.Name}: no service of type {parameterType.Name} for parameter '{parameter.Name}'."));
    }

    /// <summary>A <c>[PersistentState]</c> or <c>[TransactionalState]</c> parameter: a state bound to the activation, loaded before OnActivateAsync (records: at their first use).</summary>
    private static Func<ActivationData, object?>? BuildStateArgument(Type grainClass, ParameterInfo parameter)
    {
        var persistent = parameter.GetCustomAttribute<PersistentStateAttribute>();
        var transactional = parameter.GetCustomAttribute<TransactionalStateAttribute>();
        if (persistent is null && transactional is null)
        {
            return null;
        }

        var (contract, implementation, stateName, storageName) = persistent is not null
            ? (typeof(IPersistentState<>), typeof(PersistentState<>), persistent.StateName, persistent.StorageName ?? GrainStorageNames.Default)
            : (typeof(ITransactionalState<>), typeof(TransactionalState<>), transactional!.StateName, transactional.StorageName ?? GrainStorageNames.Default);
        var type = parameter.ParameterType;
        if (transactional is not null && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ITransactionalRecords<>))
        {
            (contract, implementation) = (typeof(ITransactionalRecords<>), typeof(TransactionalRecords<>));
        }

        if (!type.IsGenericType || type.GetGenericTypeDefinition() != contract)
        {
            throw new InvalidOperationException($"{grainClass.Name}: parameter '{parameter.Name}' must be {contract.Name.Split('`')[0]}<T>{(transactional is null ? "" : " or ITransactionalRecords<T>")} to carry that attribute.");
        }

        if (transactional is not null && storageName != GrainStorageNames.Default)
        {
            // Every transaction commits in one database transaction, so all transactional state lives in the default storage.
            throw new InvalidOperationException($"{grainClass.Name}: transactional state must use the default storage.");
        }

        var stateType = implementation.MakeGenericType(type.GetGenericArguments()[0]);
        return activation =>
        {
            var storage = activation.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
                ?? throw new InvalidOperationException($"No grain storage named '{storageName}' is registered.");
            object[] arguments = transactional is null
                ? [activation.GrainId, stateName, storage]
                : [activation.GrainId, stateName, storage, activation.ActivationServices.GetRequiredService<TransactionAgent>()];
            var state = (IActivationStateParticipant)Activator.CreateInstance(stateType, arguments)!;
            activation.AddStateParticipant(state);
            return state;
        };
    }
}
