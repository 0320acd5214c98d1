namespace GrainMarket.Sellers;

/// <summary>A seller's points and the <see cref="HistoryKept"/> most recent changes, oldest first.</summary>
[GenerateSerializer, Alias("gm.sellers.SellerPointsState")]
public sealed class SellerPointsState
{
    /// <summary>How many changes the state keeps: every store writes it whole.</summary>
    public const int HistoryKept = 100;

    [Id(0)]
    public long Points { get; set; }

    [Id(1)]
    public List<PointsEntry> History { get; set; } = [];
}
