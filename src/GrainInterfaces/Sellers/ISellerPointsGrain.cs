namespace GrainMarket.Sellers;

/// <summary>
/// A seller's points (key: the seller's user id): every seller starts at zero, and each change is recorded with its
/// reason. A return the admin finds the seller at fault for (a damaged or wrong unit) costs points, in the decision's
/// transaction; so do an upheld complaint and a late shipment. A completed sale earns points in the completion's
/// transaction. The seller's rank is derived from the points on every read, never stored.
/// </summary>
[Alias("gm.seller-points")]
public interface ISellerPointsGrain : IGrainWithGuidKey
{
    /// <summary>Takes <paramref name="penalty"/> points away for <paramref name="reason"/>, once per <paramref name="entryId"/> (a repeat changes nothing).</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("penalize")]
    Task<SellerPointsView> PenalizeAsync(string entryId, long penalty, string reason);

    /// <summary>Gives <paramref name="award"/> points for <paramref name="reason"/>, once per <paramref name="entryId"/> (a repeat changes nothing).</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("award")]
    Task<SellerPointsView> AwardAsync(string entryId, long award, string reason);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<SellerPointsView> GetAsync();
}
