namespace GrainMarket.Reviews;

/// <summary>A rating tally's transactional state: the sum of the counted ratings' stars and how many there are.</summary>
[GenerateSerializer, Alias("gm.reviews.RatingTallyState")]
public sealed class RatingTallyState
{
    [Id(0)]
    public long Total { get; set; }

    [Id(1)]
    public int Count { get; set; }
}
