using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Registers GrainMarket's PostgreSQL state storage in a silo.</summary>
public static class PostgresStorageExtensions
{
    /// <summary>
    /// Keeps every transactional state of the silo in <c>orleans_transactional_state</c> (instead of Orleans' fallback
    /// onto grain storage) and adds the grain storage provider <see cref="PostgresGrainStorage.ProviderName"/> for
    /// persistent states with read models (<c>orleans_grain_state</c>); both need <c>db/0012</c> and <c>db/0013</c>.
    /// </summary>
    public static ISiloBuilder AddPostgresStateStorage(this ISiloBuilder builder, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.TryAddSingleton<StateTable>();
        builder.Services.AddSingleton<ITransactionalStateStorageFactory, PostgresTransactionalStateStorageFactory>();
        builder.Services.AddKeyedSingleton<IGrainStorage, PostgresGrainStorage>(PostgresGrainStorage.ProviderName);
        return builder;
    }

    /// <summary>Projects every written <typeparamref name="TState"/> into read models with <typeparamref name="TProjection"/>.</summary>
    public static IServiceCollection AddStateProjection<TState, TProjection>(this IServiceCollection services)
        where TProjection : class, IStateProjection<TState>
    {
        services.AddSingleton<IStateProjection<TState>, TProjection>();
        return services;
    }
}
