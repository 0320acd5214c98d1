using System.Reflection;
using GrainMarket.Database;
using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Database;
using GrainMarket.Runtime.Projections;
using GrainMarket.Runtime.Reminders;
using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Storage;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrainMarket.Runtime.Hosting;

/// <summary>Configures the grain runtime of a silo: which assemblies hold grains, and where state and reminders live.</summary>
public sealed class GrainRuntimeBuilder
{
    internal GrainRuntimeBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    internal List<Assembly> GrainAssemblies { get; } = [];

    internal bool Clustered { get; private set; }

    /// <summary>Adds the grain classes found in <paramref name="assembly"/>.</summary>
    public GrainRuntimeBuilder AddGrains(Assembly assembly)
    {
        GrainAssemblies.Add(assembly);
        return this;
    }

    public GrainRuntimeBuilder Configure(Action<GrainRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Keeps grain state and reminders in memory. For unit tests and the --in-memory mode only: everything is lost
    /// when the process exits, and nothing is shared between silos.
    /// </summary>
    public GrainRuntimeBuilder UseInMemoryStorage()
    {
        Services.TryAddSingleton<MemoryGrainStorage>();
        Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, _) => sp.GetRequiredService<MemoryGrainStorage>());
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, MemoryReminderTable>());
        Services.Replace(ServiceDescriptor.Singleton<ITransactionStore, MemoryTransactionStore>());
        return this;
    }

    /// <summary>
    /// Keeps grain state and reminders in PostgreSQL, the engine of record, and applies the migrations in
    /// <paramref name="migrationsFolder"/> (default: the <c>db</c> folder beside the application) at start-up.
    /// </summary>
    public GrainRuntimeBuilder UsePostgres(string connectionString, string? migrationsFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Services.TryAddSingleton(_ => NpgsqlDataSource.Create(WithRuntimeDefaults(connectionString)));
        Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, _) =>
            new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<GrainJsonOptions>(), sp.GetService<WriteFence>(), sp.GetService<StateProjections>()));
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, PostgresReminderTable>());
        Services.Replace(ServiceDescriptor.Singleton<ITransactionStore, PostgresTransactionStore>());
        Services.TryAddSingleton<DatabaseMigrator>();
        Services.AddSingleton(new MigrationSettings(migrationsFolder ?? DatabaseMigrator.DefaultFolder));
        return this;
    }

    /// <summary>
    /// Joins a cluster of silos that share the PostgreSQL database given to <see cref="UsePostgres"/>: membership,
    /// rendezvous placement, and silo-to-silo calls over HTTP/2 on <see cref="ClusterOptions.SiloPort"/>. Map the
    /// silo endpoints with <c>MapSiloEndpoints()</c>.
    /// </summary>
    public GrainRuntimeBuilder UseCluster(Action<ClusterOptions> configure)
    {
        Services.Configure(configure);
        Clustered = true;
        Services.AddClusterTransport();
        Services.TryAddSingleton(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            var port = cluster.SiloPort ?? throw new InvalidOperationException("A clustered silo needs ClusterOptions.SiloPort.");
            return new LocalSilo(sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.SiloName, cluster.AdvertisedAddress, port);
        });
        Services.TryAddSingleton<IncomingCallHandler>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IRemoteParticipants, RemoteParticipantsClient>());
        Services.TryAddSingleton(sp => new WriteFence(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId, sp.GetRequiredService<LocalSilo>().SiloId));
        return this;
    }

    /// <summary>The connection pool's size unless the connection string names one; see <see cref="WithRuntimeDefaults"/>.</summary>
    internal const int DefaultMaxPoolSize = 32;

    /// <summary>
    /// What the runtime changes in a connection string unless it says otherwise. It sends the same few statements all
    /// the time, so Npgsql prepares them automatically (measured on 2 cores: 2,300 → 3,500 grain transactions per
    /// second). And it keeps at most <see cref="DefaultMaxPoolSize"/> connections instead of Npgsql's 100: a grain
    /// needs a connection only for the one round trip of its read or write, and PostgreSQL does the most work with a
    /// few busy backends per core; more of them only queue for the CPUs, holding their locks longer. Measured on
    /// 2 cores with 64 clients (<c>./grainmarket bench transactions</c>): a pool of 128 gave 4,500–4,700 transactions
    /// per second at p99 45–53 ms, pools of 16 and 32 gave 4,600–5,300 at p99 37–40 ms. Nor does the runtime leave
    /// session state behind on a connection (the migrator unlocks its advisory lock itself), so a connection back in the
    /// pool is not reset: Npgsql would otherwise send six statements (RESET ALL, advisory unlock and the like) before
    /// its next use, which at checkout was 7 resets per order.
    /// </summary>
    internal static string WithRuntimeDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        var named = given.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Named(params string[] keys) => named.Any(key => keys.Any(k => key.Equals(k, StringComparison.OrdinalIgnoreCase)));
        if (!Named("MaxPoolSize", "MaximumPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!Named("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
