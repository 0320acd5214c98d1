namespace GrainMarket.Runtime.Reminders;

/// <summary>
/// Where reminders live. Silos claim due rows with a lease (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>), deliver
/// them, then complete or release the claim. Times always come from the caller's <see cref="TimeProvider"/>.
/// </summary>
public interface IReminderTable
{
    /// <summary>Inserts or replaces a reminder (clearing any claim) and returns the stored entry with its new generation.</summary>
    Task<ReminderEntry> UpsertAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; returns whether a row existed.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="maxCount"/> reminders due at or before <paramref name="horizon"/> whose previous
    /// claim (if any) expired before <paramref name="now"/>, for <paramref name="siloId"/> until <paramref name="leaseUntil"/>.
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(string siloId, DateTimeOffset now, DateTimeOffset horizon, DateTimeOffset leaseUntil, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// After a successful delivery: deletes a one-shot reminder (<paramref name="nextDueAt"/> null) or moves a periodic
    /// one to <paramref name="nextDueAt"/> and clears its claim — only if the row still has <paramref name="entry"/>'s generation.
    /// </summary>
    Task CompleteAsync(ReminderEntry entry, DateTimeOffset? nextDueAt, CancellationToken cancellationToken);

    /// <summary>After a failed delivery: clears the claim and sets the retry time and attempt count, generation permitting.</summary>
    Task RetryLaterAsync(ReminderEntry entry, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Gives back every claim a silo holds (graceful shutdown), so other silos need not wait for the lease.</summary>
    Task ReleaseClaimsAsync(string siloId, CancellationToken cancellationToken);
}
