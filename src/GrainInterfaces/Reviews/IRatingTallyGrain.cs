namespace GrainMarket.Reviews;

/// <summary>
/// The exact total and count of one subject's ratings (key: <see cref="ReviewIds.ProductTally"/> or
/// <see cref="ReviewIds.SellerTally"/>), in transactional state projected to <c>products</c> or <c>seller_scores</c>.
/// Only a review's or feedback's own transaction changes it, so the tally always equals the ratings it counts.
/// </summary>
[Alias("gm.ratingTally")]
public interface IRatingTallyGrain : IGrainWithStringKey
{
    /// <summary>Takes out a rating of <paramref name="removed"/> stars and adds one of <paramref name="added"/> (0: none).</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("change")]
    Task ChangeAsync(int removed, int added);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<RatingTally> GetAsync();
}
