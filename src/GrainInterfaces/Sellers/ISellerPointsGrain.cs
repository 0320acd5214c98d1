namespace GrainMarket.Sellers;

/// <summary>
/// A seller's points (key: the seller's user id): every seller starts at zero, and each change is recorded with its
/// reason. A return the admin finds the seller at fault for (a damaged or wrong unit) costs points, in the decision's
/// transaction. Ranks will be built on them.
/// </summary>
[Alias("gm.seller-points")]
public interface ISellerPointsGrain : IGrainWithGuidKey
{
    /// <summary>Takes <paramref name="penalty"/> points away for <paramref name="reason"/>, once per <paramref name="entryId"/> (a repeat changes nothing).</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("penalize")]
    Task<SellerPointsView> PenalizeAsync(string entryId, long penalty, string reason);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<SellerPointsView> GetAsync();
}
