namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// Derives read-model rows from a state that is being written: a transactional state as it commits
/// (<see cref="PostgresTransactionalStateStorageFactory"/>) or a grain's persistent state
/// (<see cref="PostgresGrainStorage"/>). The statements it adds run in the same PostgreSQL transaction as the state's
/// own write, so a read model never shows a state that was not stored and never misses one that was. Register one
/// per state type as a singleton (<see cref="PostgresStorageExtensions.AddStateProjection{TState, TProjection}"/>).
/// </summary>
/// <typeparam name="TState">The state's type.</typeparam>
/// <remarks>
/// For a transactional state, <c>previous</c> is the state committed by the last store. Orleans may confirm several
/// transactions of one grain in a single store, so it is not necessarily the state just before <c>state</c>: derive
/// rows from the difference between the two (or from the whole state), never from "the last change". For a persistent
/// state <c>previous</c> is <see langword="null"/>. Neither state may be changed here.
/// </remarks>
public interface IStateProjection<in TState>
{
    /// <summary>Adds the statements that bring the read models to <paramref name="state"/>.</summary>
    void Project(StateProjectionContext context, TState? previous, TState state, ProjectionCommands commands);
}
