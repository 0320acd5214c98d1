namespace GrainMarket.Ads;

/// <summary>
/// An advertising opportunity is open (its budget held in escrow) until its deadline closes it or its seller cancels it;
/// either way the unspent escrow goes back to the seller.
/// </summary>
public static class AdOpportunityStatuses
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Open, Closed, Cancelled];
}
