using System.Globalization;
using GrainMarket.ApiGateway.Cluster;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.ApiGateway.Extensions;

public static class ClusterClientExtensions
{
    /// <summary>The service id every silo and gateway of GrainMarket shares; it never changes (stored state is keyed by it).</summary>
    public const string ServiceId = "grainmarket";

    /// <summary>How long a grain call waits for its response before it fails with a <see cref="TimeoutException"/>.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often the client fetches the cluster manifest from a silo (Orleans' default: every minute).</summary>
    private static readonly TimeSpan ManifestRefresh = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Makes the standalone gateway an Orleans client. It finds the silos' gateways in the membership table of the
    /// PostgreSQL database in <c>GRAINMARKET_DB</c>, in the cluster <c>Orleans:ClusterId</c> or <c>GRAINMARKET_CLUSTER_ID</c>
    /// (default <c>grainmarket</c>), re-reads that list every <c>GRAINMARKET_HEARTBEAT_SECONDS</c> (default 1 s), and
    /// keeps trying to connect at start until a silo answers. With <see cref="OrleansTls"/> settings its connections to the
    /// silos use mutual TLS. Grains are called through <see cref="IGrainFactory"/> or
    /// <see cref="IClusterClient"/>; read models use the same database.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketClusterClient(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration["GRAINMARKET_DB"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("The standalone gateway needs GRAINMARKET_DB: it reads cluster membership from PostgreSQL.");
        }

        var clusterId = configuration["Orleans:ClusterId"] is { Length: > 0 } configured ? configured
            : configuration["GRAINMARKET_CLUSTER_ID"] is { Length: > 0 } legacy ? legacy
            : "grainmarket";
        var refresh = configuration["GRAINMARKET_HEARTBEAT_SECONDS"] is { Length: > 0 } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(1);

        // PostgreSQL's error details hold stored values (e-mail addresses): never in exceptions, whatever the connection string says.
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = false }.ConnectionString));
        builder.Services.AddSingleton<ClusterConnection>();
        var tls = OrleansTls.AddGrainMarketOrleansTls(builder);
        builder.UseOrleansClient(client =>
        {
            tls?.ApplyTo(client);
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            client.UseTransactions();
            if (TelemetryExtensions.ExportsTraces(configuration))
            {
                client.AddActivityPropagation();
            }
            client.UseConnectionRetryFilter<RetryUntilConnected>();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterConnection>());
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = ServiceId;
                cluster.ClusterId = clusterId;
            });

            // Silos leave the gateway list when the membership table says they are dead (a frozen silo after the death
            // timeout): re-reading it at the silos' heartbeat pace stops new calls to them within about a heartbeat. A
            // killed silo's connection breaks at once, so new calls avoid it without waiting for the list; calls already
            // sent to a killed or frozen silo end at the response timeout.
            client.Configure<GatewayOptions>(gateway => gateway.GatewayListRefreshPeriod = refresh);

            // Orleans opens gateway connections only when a call needs one; its periodic fetch of the cluster manifest
            // is such a call. Fetching it every few seconds reconnects an idle gateway whose silos all went away to a
            // live one, so that readiness (a connected silo) comes back without waiting for traffic.
            client.Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = ManifestRefresh);
            client.Configure<ClientMessagingOptions>(messaging =>
            {
                // A call to a frozen silo fails after this long (503 outcome-unknown) instead of Orleans' 30 s, within
                // the time a client waits for an HTTP answer.
                messaging.ResponseTimeout = ResponseTimeout;

                // Set explicitly (O5): a timed-out call is reported as having an unknown outcome; sending a cancellation
                // to a silo that did not answer would not make that outcome known.
                messaging.CancelRequestOnTimeout = false;
            });
        });
        return builder;
    }
}
