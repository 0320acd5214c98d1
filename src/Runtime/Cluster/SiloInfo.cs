namespace GrainMarket.Runtime.Cluster;

/// <summary>One member of the cluster as the membership table describes it.</summary>
public sealed record SiloInfo(string SiloId, string Name, string Address, int Port, SiloStatusKind Status)
{
    public Uri Endpoint => new($"http://{Address}:{Port}/");
}
