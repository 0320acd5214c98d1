namespace GrainMarket.Sellers;

/// <summary>A seller's points and their most recent changes, newest first.</summary>
[GenerateSerializer, Immutable, Alias("gm.sellers.SellerPointsView")]
public sealed record SellerPointsView(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] long Points,
    [property: Id(2)] IReadOnlyList<PointsEntry> History);
