namespace GrainMarket.Promotions;

/// <summary>The admins' sale events by id (a short list: past events are deleted by admins when no longer wanted).</summary>
[GenerateSerializer, Alias("gm.promotions.SaleEventsState")]
public sealed class SaleEventsState
{
    [Id(0)]
    public Dictionary<Guid, SaleEventView> Events { get; set; } = [];
}
