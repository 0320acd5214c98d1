using GrainMarket.Common;

namespace GrainMarket.Promotions;

/// <summary>The admins' sale events, one grain (key <see cref="Key"/>): a short list every checkout reads.</summary>
[Alias("gm.sale-events")]
public interface ISaleEventsGrain : IGrainWithStringKey
{
    /// <summary>The key of the one list.</summary>
    public const string Key = "all";

    /// <summary>Every event, or only those active at <paramref name="activeAt"/>, by start then id.</summary>
    [ReadOnly]
    [Alias("list")]
    Task<IReadOnlyList<SaleEventView>> ListAsync(DateTimeOffset? activeAt);

    /// <summary>Adds an event (every member of the draft given, checked by the caller).</summary>
    [Alias("create")]
    Task<SaleEventView> CreateAsync(SaleEventDraft draft);

    /// <summary>Changes an event's given members; sale-event-not-found for an unknown id, invalid when it would end before it starts.</summary>
    [Alias("update")]
    Task<Result<SaleEventView>> UpdateAsync(Guid eventId, SaleEventDraft changes);

    /// <summary>Removes an event; sale-event-not-found for an unknown id.</summary>
    [Alias("delete")]
    Task<Result<SaleEventView>> DeleteAsync(Guid eventId);
}
