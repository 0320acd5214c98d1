using Orleans;

namespace GrainMarket.ApiGateway.Cluster;

/// <summary>
/// How many silo gateways the standalone gateway's Orleans client holds a connection to, as Orleans reports each
/// connection opening or closing. Counted from the changes, which commute, because reports from different connections
/// may arrive out of order.
/// </summary>
internal sealed class ClusterConnection(IHostApplicationLifetime lifetime, ILogger<ClusterConnection> logger) : IClusterConnectionStatusObserver
{
    private int _gateways;

    public int ConnectedGateways => Volatile.Read(ref _gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        Interlocked.Add(ref _gateways, currentNumberOfGateways - previousNumberOfGateways);
        if (connectionRecovered)
        {
            logger.LogInformation("Connected to the cluster through {GatewayCount} silo gateway(s)", currentNumberOfGateways);
        }
    }

    public void NotifyClusterConnectionLost()
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogWarning("No connection to any silo is left; the next grain call, or the next manifest refresh, connects to a silo the membership table lists as active");
        }
    }
}
