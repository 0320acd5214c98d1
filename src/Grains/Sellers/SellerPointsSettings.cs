namespace GrainMarket.Sellers;

/// <summary>
/// How sellers earn and lose points, and the ranks the points reach (docs/brands.md):
/// <list type="bullet">
/// <item>a completed order gives each of its sellers one point per whole <see cref="SalesPerPoint"/> minor units of
/// their lines that were not returned (<c>GRAINMARKET_SALES_PER_POINT</c>, default 1000: a point per 10.00);</item>
/// <item>a seller who ships later than <see cref="ShippingDeadline"/> after the order was placed
/// (<c>GRAINMARKET_SHIPPING_DEADLINE</c>, default 2 days) loses <see cref="LateShippingPenalty"/> points
/// (<c>GRAINMARKET_LATE_SHIPPING_PENALTY</c>, default 10), once per order;</item>
/// <item><see cref="Ranks"/> (<c>GRAINMARKET_SELLER_RANKS</c>, default <c>bronze:0,silver:100,gold:500,platinum:2000</c>),
/// lowest first; a seller below the lowest threshold has the lowest rank;</item>
/// <item><see cref="BrandRank"/> is the rank from which a seller may propose brands (<c>GRAINMARKET_BRAND_RANK</c>, default silver).</item>
/// </list>
/// </summary>
public sealed record SellerPointsSettings(long SalesPerPoint, long LateShippingPenalty, TimeSpan ShippingDeadline, IReadOnlyList<SellerRank> Ranks, string BrandRank)
{
    public static SellerPointsSettings Default { get; } = new(
        1000,
        10,
        TimeSpan.FromDays(2),
        [new("bronze", 0), new("silver", 100), new("gold", 500), new("platinum", 2000)],
        "silver");

    /// <summary>The rank from which a seller may propose brands.</summary>
    public SellerRank BrandThreshold => Ranks.Single(r => r.Name == BrandRank);

    /// <summary>The points a sale of <paramref name="sales"/> minor units earns: whole multiples of <see cref="SalesPerPoint"/>, rounded down.</summary>
    public long PointsFor(long sales) => sales <= 0 ? 0 : sales / SalesPerPoint;

    /// <summary>The highest rank <paramref name="points"/> reach (the lowest one below every threshold).</summary>
    public SellerRank RankOf(long points) => Ranks.LastOrDefault(r => r.MinPoints <= points) ?? Ranks[0];

    /// <summary>The rank above <paramref name="rank"/>, or null at the top.</summary>
    public SellerRank? Above(SellerRank rank)
    {
        ArgumentNullException.ThrowIfNull(rank);
        return Ranks.FirstOrDefault(r => r.MinPoints > rank.MinPoints);
    }
}
