namespace GrainMarket.Ads;

/// <summary>
/// An advertiser's engagement: applied, accepted by the seller at an agreed amount, proof submitted, then approved (paid)
/// or rejected (one resubmission; a second rejection ends it). When the opportunity closes, an engagement that was not
/// approved lapses and its amount goes back to the seller with the rest of the unspent escrow.
/// </summary>
public static class AdEngagementStatuses
{
    public const string Applied = "applied";
    public const string Accepted = "accepted";
    public const string Submitted = "submitted";
    public const string Rejected = "rejected";
    public const string Approved = "approved";
    public const string Ended = "ended";
    public const string Lapsed = "lapsed";

    public static IReadOnlyList<string> All { get; } = [Applied, Accepted, Submitted, Rejected, Approved, Ended, Lapsed];

    /// <summary>Statuses whose agreed amount is committed from the budget (it cannot be agreed to anyone else).</summary>
    public static bool Commits(string status) => status is Accepted or Submitted or Rejected or Approved;
}
