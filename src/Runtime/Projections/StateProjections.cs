using System.Reflection;
using System.Text.Json;
using GrainMarket.Runtime.Serialization;
using Npgsql;

namespace GrainMarket.Runtime.Projections;

/// <summary>The projections of a silo, by grain type and state name.</summary>
internal sealed class StateProjections
{
    private readonly Dictionary<(string GrainType, string StateName), IStateProjection> _byState = [];
    private readonly JsonSerializerOptions _json;

    public StateProjections(IEnumerable<IStateProjection> projections, GrainJsonOptions json)
    {
        _json = json.Options;
        foreach (var projection in projections)
        {
            if (!_byState.TryAdd((projection.GrainType, projection.StateName), projection))
            {
                throw new InvalidOperationException($"Two projections for state '{projection.StateName}' of grain type '{projection.GrainType}': {_byState[(projection.GrainType, projection.StateName)].GetType()} and {projection.GetType()}.");
            }
        }
    }

    public bool Has(GrainId grainId, string stateName) => _byState.ContainsKey((grainId.Type, stateName));

    /// <summary>Adds the projection's commands for a typed state (null: cleared) to <paramref name="commands"/>; false when the state has no projection.</summary>
    public bool Append(ProjectionCommands commands, GrainId grainId, string stateName, object? state)
    {
        if (!_byState.TryGetValue((grainId.Type, stateName), out var projection))
        {
            return false;
        }

        projection.Project(grainId.Key, state, commands);
        return true;
    }

    /// <summary>As <see cref="Append"/> for a state known only by its stored JSON, as a transaction's commit point has it from another silo.</summary>
    public bool AppendJson(ProjectionCommands commands, GrainId grainId, string stateName, string? json) =>
        _byState.TryGetValue((grainId.Type, stateName), out var projection)
        && Append(commands, grainId, stateName, json is null ? null : JsonSerializer.Deserialize(json, projection.StateType, _json));

    /// <summary>The projections defined in <paramref name="assemblies"/>: concrete types with a parameterless constructor.</summary>
    public static IEnumerable<Type> FindIn(IEnumerable<Assembly> assemblies) =>
        assemblies.Distinct()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IStateProjection).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null);
}
