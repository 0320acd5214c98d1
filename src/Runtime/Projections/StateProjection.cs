namespace GrainMarket.Runtime.Projections;

/// <summary>A typed <see cref="IStateProjection"/>: override <see cref="Project(string, TState, ProjectionCommands)"/> and, when the read model keeps rows of cleared states, <see cref="ProjectCleared"/>.</summary>
public abstract class StateProjection<TState>(string grainType, string stateName) : IStateProjection
    where TState : class
{
    public string GrainType { get; } = grainType;

    public string StateName { get; } = stateName;

    public Type StateType => typeof(TState);

    /// <summary>Adds the commands that bring the read model to the newly written <paramref name="state"/>.</summary>
    public abstract void Project(string grainKey, TState state, ProjectionCommands commands);

    /// <summary>Adds the commands for a cleared state; by default none.</summary>
    public virtual void ProjectCleared(string grainKey, ProjectionCommands commands)
    {
    }

    void IStateProjection.Project(string grainKey, object? state, ProjectionCommands commands)
    {
        if (state is null)
        {
            ProjectCleared(grainKey, commands);
        }
        else
        {
            Project(grainKey, (TState)state, commands);
        }
    }
}
