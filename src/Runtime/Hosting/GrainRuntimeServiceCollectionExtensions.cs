using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Metadata;
using GrainMarket.Runtime.Reminders;
using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Statistics;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderService>());
        services.TryAddSingleton<SiloStatus>();
        services.TryAddSingleton<TransactionTestHooks>();
        services.TryAddSingleton<TransactionAgent>();
        services.TryAddSingleton<ITransactionClient>(sp => sp.GetRequiredService<TransactionAgent>());

        // Start order matters: schema first, then the runtime, then reminders (stopping runs in reverse).
        services.AddHostedService<MigrationHostedService>();
        services.AddHostedService<SiloLifecycleService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        services.AddHostedService<TransactionRecordJanitor>();
        return services;
    }
}
