namespace GrainMarket.Runtime.Cluster;

/// <summary>A grain factory for processes that host no grains (the gateway, tools, tests).</summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The membership this client routes by.</summary>
    MembershipView Membership { get; }

    /// <summary>Waits until a silo is active and this client knows which grain types implement which interfaces.</summary>
    Task ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
