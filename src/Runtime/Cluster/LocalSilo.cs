namespace GrainMarket.Runtime.Cluster;

/// <summary>This silo's identity in the cluster: a restarted silo has a new generation and so a new id.</summary>
internal sealed class LocalSilo(string name, string address, int port)
{
    public long Generation { get; } = DateTime.UtcNow.Ticks;

    public SiloInfo Info => new($"{address}:{port}@{Generation}", name, address, port, SiloStatusKind.Joining);

    public string SiloId => Info.SiloId;
}
