using GrainMarket.ApiGateway.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// <c>/readyz</c> (ORLEANS-STYLE O20): ready from the moment the host has started (a silo: migrated and active; the
/// standalone gateway: its Orleans client connected) until it starts stopping, while PostgreSQL answers, and — on the
/// standalone gateway — while its Orleans client holds a connection to at least one silo. No grain is called.
/// </summary>
internal sealed class ReadinessCheck(HostRunning host, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!host.IsRunning)
        {
            return HealthCheckResult.Unhealthy("the host is starting or stopping");
        }

        if (services.GetService<ClusterConnection>() is { ConnectedGateways: <= 0 })
        {
            return HealthCheckResult.Unhealthy("the Orleans client is connected to no silo");
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
