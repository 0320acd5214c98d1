using GrainMarket.Common;

namespace GrainMarket.Promotions;

[GrainType("saleevents")]
public sealed class SaleEventsGrain([PersistentState("saleevents")] IPersistentState<SaleEventsState> board) : Grain, ISaleEventsGrain
{
    private Dictionary<Guid, SaleEventView> Events => board.State.Events;

    Task<IReadOnlyList<SaleEventView>> ISaleEventsGrain.ListAsync(DateTimeOffset? activeAt) =>
        Task.FromResult<IReadOnlyList<SaleEventView>>([.. Events.Values
            .Where(e => activeAt is not { } now || e.IsActiveAt(now))
            .OrderBy(e => e.StartsAt)
            .ThenBy(e => e.Id)]);

    async Task<SaleEventView> ISaleEventsGrain.CreateAsync(SaleEventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var sale = new SaleEventView(Guid.NewGuid(), draft.Name!, draft.Cut!, draft.StartsAt!.Value, draft.EndsAt!.Value, draft.CategoryIds ?? [], draft.ProductIds ?? []);
        Events[sale.Id] = sale;
        await board.WriteStateAsync();
        return sale;
    }

    async Task<Result<SaleEventView>> ISaleEventsGrain.UpdateAsync(Guid eventId, SaleEventDraft changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!Events.TryGetValue(eventId, out var sale))
        {
            return NotFound(eventId);
        }

        var changed = sale with
        {
            Name = changes.Name ?? sale.Name,
            Cut = changes.Cut ?? sale.Cut,
            StartsAt = changes.StartsAt ?? sale.StartsAt,
            EndsAt = changes.EndsAt ?? sale.EndsAt,
            CategoryIds = changes.CategoryIds ?? sale.CategoryIds,
            ProductIds = changes.ProductIds ?? sale.ProductIds,
        };
        if (changed.EndsAt <= changed.StartsAt)
        {
            return DomainError.Invalid("endsAt", "must be after startsAt");
        }

        Events[eventId] = changed;
        await board.WriteStateAsync();
        return changed;
    }

    async Task<Result<SaleEventView>> ISaleEventsGrain.DeleteAsync(Guid eventId)
    {
        if (!Events.Remove(eventId, out var sale))
        {
            return NotFound(eventId);
        }

        await board.WriteStateAsync();
        return sale;
    }

    private static DomainError NotFound(Guid eventId) => new(ErrorCodes.SaleEventNotFound, $"There is no sale event {eventId}.");
}
