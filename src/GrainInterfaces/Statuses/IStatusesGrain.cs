using GrainMarket.Common;

namespace GrainMarket.Statuses;

/// <summary>
/// A user's status updates (key: the user's id): short texts their contacts see for <see cref="Lifetime"/> after they
/// are posted. The grain keeps only live ones (an expired status is dropped at the next write) and projects them to the
/// <c>statuses</c> read model, which the contacts' list reads.
/// </summary>
[Alias("gm.statuses")]
public interface IStatusesGrain : IGrainWithGuidKey
{
    /// <summary>The longest status, in characters.</summary>
    public const int MaxLength = 280;

    /// <summary>How many live statuses one user may have at once.</summary>
    public const int MaxLive = 20;

    /// <summary>How long a status is seen after it is posted.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Posts <paramref name="text"/> as status <paramref name="statusId"/> (derived from the request's Idempotency-Key, so a
    /// retry returns the status posted the first time); status-limit-reached when <see cref="MaxLive"/> are live.
    /// </summary>
    [Alias("post")]
    Task<Result<StatusView>> PostAsync(Guid statusId, string text);

    /// <summary>Takes a live status down before it expires; status-not-found for an id this user has no live status with.</summary>
    [Alias("delete")]
    Task<Result<StatusView>> DeleteAsync(Guid statusId);

    /// <summary>The live statuses, newest first.</summary>
    [ReadOnly]
    [Alias("list")]
    Task<IReadOnlyList<StatusView>> ListAsync();
}
