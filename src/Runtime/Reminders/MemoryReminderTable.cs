namespace GrainMarket.Runtime.Reminders;

/// <summary>
/// <see cref="IReminderTable"/> in process memory, for unit tests and the --in-memory mode, with the same claims,
/// leases and generations as <see cref="PostgresReminderTable"/>. Times are kept at PostgreSQL's precision
/// (microseconds, UTC; periods in whole milliseconds) so a test behaves the same against either table.
/// </summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();

    private readonly Dictionary<(GrainId GrainId, string Name), (ReminderEntry Entry, string? ClaimedBy, DateTimeOffset? ClaimedUntil)> _rows = [];

    public Task<ReminderEntry> UpsertAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        var storedPeriod = NormalizePeriod(period);
        lock (_lock)
        {
            var generation = _rows.TryGetValue((grainId, name), out var row) ? row.Entry.Generation + 1 : 1;
            var entry = new ReminderEntry(grainId, name, Normalize(dueAt), storedPeriod, generation, 0);
            _rows[(grainId, name)] = (entry, null, null);
            return Task.FromResult(entry);
        }
    }

    public Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.Remove((grainId, name)));
        }
    }

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue((grainId, name), out var row) ? row.Entry : null);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> entries = _rows.Values
                .Where(row => row.Entry.GrainId == grainId)
                .Select(row => row.Entry)
                .OrderBy(entry => entry.Name, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(entries);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(
        string siloId,
        DateTimeOffset now,
        DateTimeOffset horizon,
        DateTimeOffset leaseUntil,
        int maxCount,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        var lease = Normalize(leaseUntil);
        lock (_lock)
        {
            var claimed = _rows.Values
                .Where(row => row.Entry.DueAt <= horizon && (row.ClaimedUntil is null || row.ClaimedUntil < now))
                .Select(row => row.Entry)
                .OrderBy(entry => entry.DueAt)
                .Take(maxCount)
                .ToList();
            foreach (var entry in claimed)
            {
                _rows[(entry.GrainId, entry.Name)] = (entry, siloId, lease);
            }

            return Task.FromResult<IReadOnlyList<ReminderEntry>>(claimed);
        }
    }

    public Task CompleteAsync(ReminderEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (entry.GrainId, entry.Name);
            if (_rows.TryGetValue(key, out var row) && row.Entry.Generation == entry.Generation)
            {
                if (nextDueAt is { } next)
                {
                    _rows[key] = (row.Entry with { DueAt = Normalize(next), Attempts = 0 }, null, null);
                }
                else
                {
                    _rows.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task RetryLaterAsync(ReminderEntry entry, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (entry.GrainId, entry.Name);
            if (_rows.TryGetValue(key, out var row) && row.Entry.Generation == entry.Generation)
            {
                _rows[key] = (row.Entry with { DueAt = Normalize(retryAt), Attempts = row.Entry.Attempts + 1 }, null, null);
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseClaimsAsync(string siloId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var held = _rows.Where(pair => pair.Value.ClaimedBy == siloId).Select(pair => pair.Key).ToList();
            foreach (var key in held)
            {
                _rows[key] = (_rows[key].Entry, null, null);
            }
        }

        return Task.CompletedTask;
    }

    private static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);

    private static TimeSpan? NormalizePeriod(TimeSpan? period)
    {
        if (period is not { } value)
        {
            return null;
        }

        var milliseconds = value.Ticks / TimeSpan.TicksPerMillisecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, 1L, nameof(period));
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
