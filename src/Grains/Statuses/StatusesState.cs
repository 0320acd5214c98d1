namespace GrainMarket.Statuses;

[GenerateSerializer, Alias("gm.statuses.StatusesState")]
public sealed class StatusesState
{
    /// <summary>The statuses posted and not yet dropped, oldest first; some may have expired since the last write.</summary>
    [Id(0)]
    public List<StatusView> Statuses { get; set; } = [];
}
