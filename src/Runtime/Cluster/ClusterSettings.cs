using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// Cluster settings from configuration (environment): <c>GRAINMARKET_CLUSTER_ID</c>, <c>GRAINMARKET_SILO_ADDRESS</c>,
/// <c>GRAINMARKET_HEARTBEAT_SECONDS</c>, <c>GRAINMARKET_DEATH_SECONDS</c>; shared by silos and the standalone gateway.
/// </summary>
public static class ClusterSettings
{
    public static void Apply(IConfiguration configuration, ClusterOptions options, int? siloPort)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.SiloPort = siloPort;
        if (configuration["GRAINMARKET_CLUSTER_ID"] is { Length: > 0 } clusterId)
        {
            options.ClusterId = clusterId;
        }

        if (configuration["GRAINMARKET_SILO_ADDRESS"] is { Length: > 0 } address)
        {
            options.AdvertisedAddress = address;
        }

        if (configuration["GRAINMARKET_DEATH_SECONDS"] is { Length: > 0 } death)
        {
            options.DeathTimeout = TimeSpan.FromSeconds(double.Parse(death, CultureInfo.InvariantCulture));
        }

        if (configuration["GRAINMARKET_HEARTBEAT_SECONDS"] is { Length: > 0 } heartbeat)
        {
            options.HeartbeatPeriod = TimeSpan.FromSeconds(double.Parse(heartbeat, CultureInfo.InvariantCulture));
        }
    }
}
