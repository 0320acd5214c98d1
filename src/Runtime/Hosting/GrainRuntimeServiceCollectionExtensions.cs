using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Projections;
using GrainMarket.Runtime.Reminders;
using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Statistics;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace GrainMarket.Runtime.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Hosts a silo's grain runtime in this process: activations, turns, timers, reminders, statistics and the
    /// <see cref="IGrainFactory"/>. Choose storage with <see cref="GrainRuntimeBuilder.UsePostgres"/> or
    /// <see cref="GrainRuntimeBuilder.UseInMemoryStorage"/>.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new GrainRuntimeBuilder(services);
        configure(builder);

        services.AddOptions<GrainRuntimeOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainJsonOptions>();
        services.TryAddSingleton<GrainStatistics>();
        services.TryAddSingleton(sp => new GrainTypeManager(builder.GrainAssemblies, sp.GetRequiredService<GrainStatistics>()));
        foreach (var projection in StateProjections.FindIn(builder.GrainAssemblies))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IStateProjection), projection));
        }

        services.TryAddSingleton<StateProjections>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderService>());
        services.TryAddSingleton<SiloStatus>();
        services.TryAddSingleton<TransactionTestHooks>();
        services.TryAddSingleton<TransactionAgent>();
        services.TryAddSingleton<TransactionRegistry>();
        services.TryAddSingleton<ITransactionClient>(sp => sp.GetRequiredService<TransactionAgent>());

        // Start order matters: schema first, then the runtime, then reminders (stopping runs in reverse).
        services.AddHostedService<MigrationHostedService>();
        if (builder.Clustered)
        {
            // Stops last: leaves membership for good once every grain has deactivated.
            services.AddHostedService<MembershipExitService>();
        }

        services.AddHostedService<SiloLifecycleService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        services.AddHostedService<TransactionRecordJanitor>();
        if (builder.Clustered)
        {
            // Starts after the schema exists; stops first, so callers move away before this silo drains.
            services.AddHostedService<MembershipService>();
        }

        return services;
    }

    /// <summary>
    /// Makes this process a cluster client: it hosts no grains, reads membership from <paramref name="connectionString"/>'s
    /// database and calls each grain on the silo that owns it. Resolve <see cref="IGrainFactory"/> to call grains.
    /// </summary>
    public static IServiceCollection AddGrainClusterClient(this IServiceCollection services, string connectionString, Action<ClusterOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.Configure(configure ?? (_ => { }));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainJsonOptions>();
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddClusterTransport();
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterClient>());
        return services;
    }

    internal static IServiceCollection AddClusterTransport(this IServiceCollection services)
    {
        services.TryAddSingleton<MembershipTable>();
        services.TryAddSingleton<MembershipView>();
        services.TryAddSingleton<SiloClient>();
        services.TryAddSingleton<RemoteInvoker>();
        return services;
    }
}
