using System.Text.Json;
using GrainMarket.Runtime.Serialization;
using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Storage;

/// <summary>
/// <see cref="IGrainStorage"/> in process memory, for unit tests and the --in-memory mode, with the same versions,
/// tombstones and conflicts as <see cref="PostgresGrainStorage"/>. It keeps the serialized JSON, never the caller's
/// object, so mutating an object after a write cannot change what was stored.
/// </summary>
public sealed class MemoryGrainStorage(GrainJsonOptions json) : IGrainStorage
{
    private readonly Lock _lock = new();

    // Json is null for a tombstone: a cleared state whose version a later write must still name.
    private readonly Dictionary<(GrainId GrainId, string StateName), (long Version, string? Json)> _states = [];

    public MemoryGrainStorage() : this(new GrainJsonOptions())
    {
    }

    public Task<StoredState<T>> ReadAsync<T>(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        (long Version, string? Json) row;
        lock (_lock)
        {
            if (!_states.TryGetValue((grainId, stateName), out row))
            {
                return Task.FromResult(new StoredState<T>(default, null, false));
            }
        }

        var etag = Etags.Format(row.Version);
        return Task.FromResult(row.Json is null
            ? new StoredState<T>(default, etag, false)
            : new StoredState<T>(JsonSerializer.Deserialize<T>(row.Json, json.Options), etag, true));
    }

    public Task<string> WriteAsync<T>(GrainId grainId, string stateName, T state, string? etag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        var expected = Etags.Parse(etag, nameof(MemoryGrainStorage));
        var text = JsonSerializer.Serialize(state, json.Options);
        lock (_lock)
        {
            var key = (grainId, stateName);
            var exists = _states.TryGetValue(key, out var row);
            if (expected is null && exists)
            {
                throw new InconsistentStateException(
                    $"First write of state '{stateName}' of grain {grainId} failed: the state already exists (stored version {row.Version}).",
                    Etags.Format(row.Version),
                    etag);
            }

            if (expected is not null && (!exists || row.Version != expected))
            {
                throw Mismatch("Write", grainId, stateName, etag, exists ? row.Version : null);
            }

            var version = exists ? row.Version + 1 : 1;
            _states[key] = (version, text);
            return Task.FromResult(Etags.Format(version));
        }
    }

    public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        var expected = Etags.Parse(etag, nameof(MemoryGrainStorage));
        lock (_lock)
        {
            var key = (grainId, stateName);
            var exists = _states.TryGetValue(key, out var row);
            if (expected is null)
            {
                return exists
                    ? throw new InconsistentStateException(
                        $"Clear of state '{stateName}' of grain {grainId} expected no stored state but found version {row.Version}.",
                        Etags.Format(row.Version),
                        etag)
                    : Task.FromResult<string?>(null);
            }

            if (!exists || row.Version != expected)
            {
                throw Mismatch("Clear", grainId, stateName, etag, exists ? row.Version : null);
            }

            _states[key] = (row.Version + 1, null);
            return Task.FromResult<string?>(Etags.Format(row.Version + 1));
        }
    }

    /// <summary>
    /// Applies a transaction's writes atomically if every read and written version is still as expected and
    /// <paramref name="recordVerdict"/> accepts the commit; returns the new versions in order.
    /// </summary>
    internal IReadOnlyList<long> CommitTransaction(IReadOnlyList<TransactionWrite> writes, IReadOnlyList<TransactionRead> reads, Func<bool> recordVerdict)
    {
        lock (_lock)
        {
            foreach (var read in reads)
            {
                var current = _states.TryGetValue((read.GrainId, read.StateName), out var row) ? row.Version : (long?)null;
                if (current != read.Version)
                {
                    throw new TransactionConflictException($"{read.GrainId}/{read.StateName} changed since it was read (version {read.Version} → {current}).");
                }
            }

            foreach (var write in writes)
            {
                var current = _states.TryGetValue((write.GrainId, write.StateName), out var row) ? row.Version : (long?)null;
                if (current != write.ExpectedVersion)
                {
                    throw new TransactionConflictException($"{write.GrainId}/{write.StateName} is at version {current}, not {write.ExpectedVersion}.");
                }
            }

            if (!recordVerdict())
            {
                throw new TransactionConflictException("The transaction was already decided as aborted.");
            }

            var versions = new long[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                var key = (writes[i].GrainId, writes[i].StateName);
                versions[i] = (writes[i].ExpectedVersion ?? 0) + 1;
                _states[key] = (versions[i], writes[i].Json);
            }

            return versions;
        }
    }

    private static InconsistentStateException Mismatch(string operation, GrainId grainId, string stateName, string? etag, long? stored)
    {
        var storedEtag = stored is { } version ? Etags.Format(version) : null;
        return new InconsistentStateException(
            $"{operation} of state '{stateName}' of grain {grainId} expected version {etag} but the stored version is {storedEtag ?? "missing"}.",
            storedEtag,
            etag);
    }
}
