namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// The latest membership this process has read, and placement over it. It may lag the table by a heartbeat:
/// a call that reaches the wrong silo is forwarded once, and PostgreSQL's version checks keep duplicates harmless.
/// </summary>
public sealed class MembershipView
{
    private volatile IReadOnlyList<SiloInfo> _active = [];
    private volatile HashSet<string> _members = new(StringComparer.Ordinal);

    public long Version { get; private set; }

    public IReadOnlyList<SiloInfo> ActiveSilos => _active;

    public SiloInfo? OwnerOf(GrainId grainId) => RendezvousPlacement.Choose(grainId, _active);

    /// <summary>Whether the silo is in the cluster as this view has it: joining, active or shutting down, not dead.</summary>
    internal bool IsMember(string siloId) => _members.Contains(siloId);

    internal void Update(long version, IReadOnlyList<SiloInfo> silos)
    {
        Version = version;
        _active = [.. silos.Where(s => s.Status == SiloStatusKind.Active)];
        _members = new HashSet<string>(silos.Select(s => s.SiloId), StringComparer.Ordinal);
    }
}
