namespace GrainMarket.Runtime;

/// <summary>
/// A grain's durable state. Reads happen at activation; each write is checked against <see cref="Etag"/> and a
/// lost race throws <see cref="InconsistentStateException"/>, after which the activation is deactivated.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The version of the stored record this activation last read or wrote; null when none exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
