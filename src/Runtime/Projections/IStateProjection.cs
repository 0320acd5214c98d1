namespace GrainMarket.Runtime.Projections;

/// <summary>
/// Keeps a PostgreSQL read model in step with one durable state of one grain type: its commands run in the same
/// database transaction as every write of that state (a plain <c>WriteStateAsync</c> or a transaction's commit), so
/// the read model can never show a change that was not committed nor miss one that was. Derive from
/// <see cref="StateProjection{TState}"/>; projections in a grain assembly are found with its grains.
/// </summary>
public interface IStateProjection
{
    /// <summary>The grain type whose state this projects (<see cref="GrainId.Type"/>).</summary>
    string GrainType { get; }

    /// <summary>The state name given to <c>[PersistentState]</c> or <c>[TransactionalState]</c>.</summary>
    string StateName { get; }

    /// <summary>The state's CLR type, to read it back from its stored JSON.</summary>
    Type StateType { get; }

    /// <summary>Adds the commands that bring the read model to <paramref name="state"/> (null: the state was cleared).</summary>
    void Project(string grainKey, object? state, ProjectionCommands commands);
}
