namespace GrainMarket.Runtime.Hosting;

/// <summary>What readiness checks need to know about this silo.</summary>
public sealed class SiloStatus
{
    private volatile bool _migrated;
    private volatile bool _active;

    /// <summary>The database schema is up to date (always true without a database).</summary>
    public bool SchemaReady => _migrated;

    /// <summary>The runtime is started and not shutting down.</summary>
    public bool Active => _active;

    internal void MarkSchemaReady() => _migrated = true;

    internal void MarkActive(bool active) => _active = active;
}
