using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// An Orleans client outside the silo processes, as the cluster tests and <c>bench cluster</c> use one: it finds the
/// silos' gateways in the AdoNet membership table of the cluster's database.
/// </summary>
public static class ClusterClientHost
{
    /// <summary>src/Silo's service id.</summary>
    public const string ServiceId = "grainmarket";

    /// <summary>
    /// A client host for <paramref name="clusterId"/> that re-reads the membership table every
    /// <paramref name="gatewayListRefresh"/> (so a dead silo's gateway leaves its list quickly); <paramref name="configure"/>
    /// adds what the caller needs on top. Start it; stop it with <see cref="StopAsync"/>.
    /// </summary>
    public static IHost Build(string connectionString, string clusterId, TimeSpan gatewayListRefresh, Action<IClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            client.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = ServiceId;
                options.ClusterId = clusterId;
            });
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = gatewayListRefresh);
            configure(client);
        });
        return builder.Build();
    }

    /// <summary>
    /// Stops the client before the silos go (it would otherwise keep trying to reach their gateways), giving up after
    /// 20 s on a cluster that is gone, and disposes it.
    /// </summary>
    public static async Task StopAsync(IHost client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await client.StopAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                // Gave up on a cluster that is gone; disposed all the same.
            }
        }

        client.Dispose();
    }
}
