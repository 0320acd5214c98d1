namespace GrainMarket.Runtime.Cluster;

/// <summary>How this silo takes part in a cluster. Clustering is on when <see cref="SiloPort"/> is set.</summary>
public sealed class ClusterOptions
{
    /// <summary>Silos with the same cluster id and database form one cluster.</summary>
    public string ClusterId { get; set; } = "grainmarket";

    /// <summary>The address other silos and clients reach this silo at (a pod IP in Kubernetes).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port (HTTP/2 without TLS). Null: a single silo, no cluster.</summary>
    public int? SiloPort { get; set; }

    /// <summary>How often a silo writes its heartbeat, reads membership and looks for dead silos.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is declared dead by the others.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How many times a call is retried after a failure that certainly did not run it.</summary>
    public int MaxCallRetries { get; set; } = 8;
}
