using Npgsql;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// Derives read-model rows from a committed transactional state. The statements it adds run in the same
/// PostgreSQL transaction as the store that commits the state, so a read model never shows a state that did not
/// commit and never misses one that did. Register one per state type as a singleton.
/// </summary>
/// <typeparam name="TState">The transactional state's type.</typeparam>
/// <remarks>
/// Orleans may confirm several transactions of one grain in a single store, so the <c>previous</c> state is the
/// state committed by the last store, not necessarily the one just before <c>committed</c>: derive the
/// rows from the difference between the two (or from the whole committed state), never from "the last change".
/// Both states are read-only here.
/// </remarks>
public interface ITransactionalStateProjection<in TState>
    where TState : class
{
    /// <summary>Adds the statements that bring the read models from <paramref name="previous"/> to <paramref name="committed"/>.</summary>
    void Project(TransactionalStateProjectionContext context, TState previous, TState committed, IList<NpgsqlBatchCommand> commands);
}
