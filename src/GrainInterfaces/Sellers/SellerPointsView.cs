namespace GrainMarket.Sellers;

/// <summary>
/// A seller's points, their most recent changes (newest first) and the rank the points reach: <see cref="NextRank"/>
/// is the one above (null at the top) and <see cref="PointsToNextRank"/> how many points it still takes.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.sellers.SellerPointsView")]
public sealed record SellerPointsView(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] long Points,
    [property: Id(2)] IReadOnlyList<PointsEntry> History,
    [property: Id(3)] string Rank = "",
    [property: Id(4)] string? NextRank = null,
    [property: Id(5)] long? PointsToNextRank = null);
