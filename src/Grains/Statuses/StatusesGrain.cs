using GrainMarket.Common;

namespace GrainMarket.Statuses;

[GrainType("statuses")]
public sealed class StatusesGrain(
    [PersistentState("statuses", PostgresGrainStorage.ProviderName)] IPersistentState<StatusesState> statuses,
    TimeProvider timeProvider) : Grain, IStatusesGrain
{
    private List<StatusView> Statuses => statuses.State.Statuses;

    async Task<Result<StatusView>> IStatusesGrain.PostAsync(Guid statusId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Statuses.Find(s => s.Id == statusId) is { } posted)
        {
            return posted;
        }

        var now = timeProvider.GetUtcNow();
        Statuses.RemoveAll(s => s.ExpiresAt <= now);
        if (Statuses.Count >= IStatusesGrain.MaxLive)
        {
            return new DomainError(
                ErrorCodes.StatusLimitReached,
                $"At most {IStatusesGrain.MaxLive} statuses are live at once; delete one or wait until the oldest expires at {Statuses[0].ExpiresAt:u}.",
                Figures: new Dictionary<string, long> { ["limit"] = IStatusesGrain.MaxLive });
        }

        var status = new StatusView(statusId, this.GetPrimaryKey(), text, now, now + IStatusesGrain.Lifetime);
        Statuses.Add(status);
        await statuses.WriteStateAsync();
        return status;
    }

    async Task<Result<StatusView>> IStatusesGrain.DeleteAsync(Guid statusId)
    {
        var now = timeProvider.GetUtcNow();
        if (Statuses.Find(s => s.Id == statusId && s.ExpiresAt > now) is not { } status)
        {
            return new DomainError(ErrorCodes.StatusNotFound, $"You have no live status {statusId}.", "id");
        }

        Statuses.Remove(status);
        Statuses.RemoveAll(s => s.ExpiresAt <= now);
        await statuses.WriteStateAsync();
        return status;
    }

    Task<IReadOnlyList<StatusView>> IStatusesGrain.ListAsync()
    {
        var now = timeProvider.GetUtcNow();
        return Task.FromResult<IReadOnlyList<StatusView>>([.. Statuses.Where(s => s.ExpiresAt > now).Reverse()]);
    }
}
