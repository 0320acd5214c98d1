namespace GrainMarket.Reviews;

/// <summary>The sum of a subject's ratings and how many there are; the average is derived so that it never drifts.</summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.RatingTally")]
public sealed record RatingTally([property: Id(0)] long Total, [property: Id(1)] int Count)
{
    /// <summary>The average to two decimals (half away from zero, as the read models round it); 0 without ratings.</summary>
    public decimal Average => Count == 0 ? 0 : Math.Round((decimal)Total / Count, 2, MidpointRounding.AwayFromZero);
}
