using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// Orleans' extension point for transactional state storage: every <c>[TransactionalState]</c> of the silo is kept
/// in <c>orleans_transactional_state</c>, projected by the <see cref="IStateProjection{TState}"/>
/// registered for its type, if any.
/// </summary>
public sealed class PostgresTransactionalStateStorageFactory(StateTable table, Serializer serializer, IServiceProvider services)
    : ITransactionalStateStorageFactory
{
    /// <inheritdoc/>
    public ITransactionalStateStorage<TState> Create<TState>(string stateName, IGrainContext context)
        where TState : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        return new PostgresTransactionalStateStorage<TState>(
            table,
            serializer,
            context.GrainId,
            stateName,
            services.GetService<IStateProjection<TState>>());
    }
}
