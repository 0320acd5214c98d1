using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Registers GrainMarket's PostgreSQL transactional state storage in a silo.</summary>
public static class PostgresTransactionalStorageExtensions
{
    /// <summary>
    /// Keeps every transactional state of the silo in PostgreSQL (table <c>orleans_transactional_state</c>, created
    /// by <c>db/0012_transactional_state.sql</c>) instead of Orleans' fallback onto grain storage.
    /// </summary>
    public static ISiloBuilder AddPostgresTransactionalStateStorage(this ISiloBuilder builder, Action<PostgresTransactionalStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.TryAddSingleton<TransactionalStateTable>();
        builder.Services.AddSingleton<ITransactionalStateStorageFactory, PostgresTransactionalStateStorageFactory>();
        return builder;
    }

    /// <summary>Projects committed <typeparamref name="TState"/>s into read models with <typeparamref name="TProjection"/>.</summary>
    public static IServiceCollection AddTransactionalStateProjection<TState, TProjection>(this IServiceCollection services)
        where TState : class
        where TProjection : class, ITransactionalStateProjection<TState>
    {
        services.AddSingleton<ITransactionalStateProjection<TState>, TProjection>();
        return services;
    }
}
