namespace GrainMarket.Runtime.Storage;

/// <summary>
/// Durable grain state. Every write is conditional on the version the caller last saw (the <c>etag</c> argument
/// in <see cref="WriteAsync{T}"/>); a mismatch throws <see cref="InconsistentStateException"/>.
/// Implementations: <see cref="PostgresGrainStorage"/> (the engine of record) and <see cref="MemoryGrainStorage"/>
/// (unit tests and the --in-memory mode only).
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a state; <see cref="StoredState{T}.Etag"/> is null when no row exists.</summary>
    Task<StoredState<T>> ReadAsync<T>(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a state if the stored version still equals <paramref name="etag"/> (null: no row may exist yet) and
    /// returns the new version.
    /// </summary>
    Task<string> WriteAsync<T>(GrainId grainId, string stateName, T state, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Clears a state under the same version check. The row stays as a tombstone with a new version, so a stale
    /// activation that never saw the row cannot resurrect it with a first write.
    /// </summary>
    Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken);
}
