namespace GrainMarket.Reviews;

/// <summary>
/// A subject's rating total and count in transactional state; it only ever joins the transaction of the review or
/// feedback that changes it, and calls no other grain.
/// </summary>
[GrainType("rating-tally")]
public sealed class RatingTallyGrain([TransactionalState("tally")] ITransactionalState<RatingTallyState> tally) : Grain, IRatingTallyGrain
{
    Task IRatingTallyGrain.ChangeAsync(int removed, int added)
    {
        if (removed is < 0 or > Ratings.Max || added is < 0 or > Ratings.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(added), $"A tally changes by ratings of 0 to {Ratings.Max} stars, not -{removed} +{added}.");
        }

        return tally.PerformUpdate(s =>
        {
            s.Total += added - removed;
            s.Count += (added > 0 ? 1 : 0) - (removed > 0 ? 1 : 0);
            if (s.Total < 0 || s.Count < 0)
            {
                // Only a rating this tally counted is ever taken out; anything else is a bug that must not commit.
                throw new InvalidOperationException($"The rating tally {this.GetPrimaryKeyString()} would drop to {s.Total} stars over {s.Count} ratings.");
            }
        });
    }

    Task<RatingTally> IRatingTallyGrain.GetAsync() => tally.PerformRead(s => new RatingTally(s.Total, s.Count));
}
