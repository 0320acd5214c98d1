using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// Ready when the database answers, the schema is migrated and a silo is active. A gateway without a silo in its
/// process reports not ready until it can reach a cluster.
/// </summary>
internal sealed class ReadinessCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silo = services.GetService<SiloStatus>();
        if (silo is null)
        {
            // A standalone gateway is ready once its cluster client sees an active silo.
            return services.GetService<IClusterClient>() is { Membership.ActiveSilos.Count: > 0 }
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("no active silo");
        }

        if (!silo.Active)
        {
            return HealthCheckResult.Unhealthy("the silo is not active");
        }

        if (!silo.SchemaReady)
        {
            return HealthCheckResult.Unhealthy("database migrations not applied yet");
        }

        if (services.GetService<NpgsqlDataSource>() is { } dataSource)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                return HealthCheckResult.Unhealthy("database unreachable", exception);
            }
        }

        return HealthCheckResult.Healthy();
    }
}
