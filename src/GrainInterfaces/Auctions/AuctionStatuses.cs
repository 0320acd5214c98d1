namespace GrainMarket.Auctions;

public static class AuctionStatuses
{
    public const string PendingApproval = "pending-approval";
    public const string Rejected = "rejected";
    public const string Scheduled = "scheduled";
    public const string Live = "live";
    public const string Closed = "closed";
    public const string EndedUnsold = "ended-unsold";

    public static IReadOnlyList<string> All { get; } = [PendingApproval, Rejected, Scheduled, Live, Closed, EndedUnsold];

    public static bool IsFinal(string status) => status is Rejected or Closed or EndedUnsold;
}
