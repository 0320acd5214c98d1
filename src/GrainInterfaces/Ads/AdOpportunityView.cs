namespace GrainMarket.Ads;

/// <summary>
/// An advertising opportunity: its brief and budget, how much of the budget is committed to accepted engagements and
/// spent on approved ones, the escrow still held from the seller's wallet (budget less spent while open, zero once
/// closed), its status, and its engagements.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.ads.AdOpportunityView")]
public sealed record AdOpportunityView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Brief,
    [property: Id(4)] Guid? CategoryId,
    [property: Id(5)] long Budget,
    [property: Id(6)] long Committed,
    [property: Id(7)] long Spent,
    [property: Id(8)] long Escrow,
    [property: Id(9)] string Status,
    [property: Id(10)] DateTimeOffset Deadline,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? ClosedAt,
    [property: Id(13)] IReadOnlyList<AdEngagementView> Engagements)
{
    /// <summary>What the seller may still agree to pay advertisers.</summary>
    public long Uncommitted => Budget - Committed;
}
