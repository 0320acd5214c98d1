using GrainMarket.ApiGateway.Extensions;
using GrainMarket.Persistence.PostgreSql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace GrainMarket.Silo.Extensions;

public static class SiloExtensions
{
    /// <summary>
    /// Orleans' service id. Every row Orleans and GrainMarket's storage keep (grain state, transactional state,
    /// reminders, membership) is keyed by it, so it never changes; deployments differ by cluster id instead.
    /// </summary>
    public const string ServiceId = "grainmarket";

    /// <summary>The cluster id when <c>GRAINMARKET_CLUSTER_ID</c> names none.</summary>
    public const string DefaultClusterId = "grainmarket";

    /// <summary>
    /// How long the host waits for its services to stop: Kestrel's requests in flight, then Orleans' graceful shutdown
    /// (leave membership, hand off activations, deactivate grains and write their state), which runs until the host's
    /// stop token fires, so this bounds it. The gateway adds its drain (<c>GRAINMARKET_DRAIN_SECONDS</c>, 5 s by
    /// default) on top: 35 s stays under the 60 s <c>terminationGracePeriodSeconds</c> of
    /// deploy/k8s/base/silo-deployment.yaml.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hosts an Orleans silo with the marketplace grains in this process.
    /// <list type="bullet">
    /// <item><c>GRAINMARKET_IN_MEMORY=true</c>: a single silo on localhost clustering, grain state and reminders in memory
    /// (data lost on exit), no migrations and no read models.</item>
    /// <item><c>GRAINMARKET_DB</c>: <c>db/*.sql</c> applied before the silo starts; membership, grain state and reminders
    /// in Orleans' ADO.NET tables, transactional state and the states with read models in GrainMarket's PostgreSQL
    /// storage (<see cref="PersistenceExtensions.UsePostgres"/>). Silos with the same <c>GRAINMARKET_CLUSTER_ID</c> on
    /// one database form a cluster.</item>
    /// </list>
    /// Endpoints: <see cref="SiloEndpoints"/>; mutual TLS between silos and clients: <see cref="OrleansTls"/>; fail-over timing: <see cref="FailoverTimings"/>; extra grain assemblies:
    /// <c>GRAINMARKET_GRAIN_ASSEMBLIES</c>; the dashboard is mapped by <see cref="DashboardExtensions.MapGrainMarketDashboard"/>.
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var connectionString = configuration["GRAINMARKET_DB"];
        var inMemory = configuration.GetValue<bool>("GRAINMARKET_IN_MEMORY");
        if (!inMemory && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set GRAINMARKET_DB to an Npgsql connection string, or GRAINMARKET_IN_MEMORY=true to run without one (data is lost on exit).");
        }

        if (inMemory && !string.IsNullOrWhiteSpace(configuration["GRAINMARKET_SILO_PORT"]))
        {
            throw new InvalidOperationException("GRAINMARKET_SILO_PORT needs GRAINMARKET_DB: a cluster shares one PostgreSQL database.");
        }

        // Orleans' own key first (ORLEANS-STYLE O17), as the standalone gateway reads it, then the documented variable.
        var clusterId = configuration["Orleans:ClusterId"] is { Length: > 0 } configured ? configured
            : configuration["GRAINMARKET_CLUSTER_ID"] is { Length: > 0 } id ? id
            : DefaultClusterId;
        var siloName = configuration["GRAINMARKET_SILO_NAME"];
        var endpoints = SiloEndpoints.From(configuration);
        var failover = FailoverTimings.From(configuration);
        var extraAssemblies = GrainAssemblyExtensions.Load(configuration["GRAINMARKET_GRAIN_ASSEMBLIES"]);
        var tls = OrleansTls.AddGrainMarketOrleansTls(builder);

        // First of all hosted services, so that a test run that dies while this silo is still starting takes it along.
        if (configuration.GetValue<int?>("GRAINMARKET_EXIT_WITH_PID") is { } parentId)
        {
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ParentProcessWatch>(sp, parentId));
        }

        // Before UseOrleans: the migration must be done before the silo starts (see DatabaseMigration).
        if (!inMemory)
        {
            builder.AddGrainMarketDatabase(connectionString!);
        }

        builder.UseOrleans(silo =>
        {
            if (inMemory)
            {
                silo.UseInMemory(endpoints.SiloPort, endpoints.GatewayPort, clusterId);
            }
            else
            {
                silo.UsePostgres(DatabaseExtensions.WithConnectionDefaults(connectionString!));
                silo.AddDeadSiloCallFence();
            }

            // After the clustering choice, whose localhost variant sets endpoints of its own.
            silo.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = ServiceId;
                options.ClusterId = clusterId;
            });
            if (!string.IsNullOrWhiteSpace(siloName))
            {
                silo.Configure<SiloOptions>(options => options.SiloName = siloName);
            }

            endpoints.ApplyTo(silo);
            tls?.ApplyTo(silo);
            failover.ApplyTo(silo);
            silo.UseGrainMarketTransactions();
            silo.AddGrainAssemblies(extraAssemblies);
            silo.AddDashboard(options => options.HideTrace = true);
            if (TelemetryExtensions.ExportsTraces(configuration))
            {
                silo.AddActivityPropagation();
            }
        });

        if (!inMemory)
        {
            builder.Services.AddStateProjections([GrainsAssembly.Value, .. extraAssemblies]);
        }

        // After UseOrleans: hosted services start in registration order, so the first admin is created once the silo is active.
        builder.AddGrainMarketAccounts();
        builder.AddGrainMarketOrders();
        builder.AddGrainMarketReturns();
        builder.AddGrainMarketSellers();
        builder.AddGrainMarketPromoters();
        builder.AddGrainMarketAuctions();
        builder.AddGrainMarketCatalog();
        builder.AddGrainMarketMail(inMemory);
        builder.Services.AddSingleton(GrainMarket.Common.IdempotencySettings.From(builder.Configuration["GRAINMARKET_IDEMPOTENCY_HOURS"]));

        if (inMemory)
        {
            StartupWarnings.Add(builder.Services, "IN-MEMORY MODE: no database; every wallet, order and reminder is LOST when this process exits");
        }

        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }
}
