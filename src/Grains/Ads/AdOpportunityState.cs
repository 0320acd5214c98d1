namespace GrainMarket.Ads;

/// <summary>An advertising opportunity's transactional state; <see cref="Status"/> is null until it is posted.</summary>
[GenerateSerializer, Alias("gm.ads.AdOpportunityState")]
public sealed class AdOpportunityState
{
    [Id(0)]
    public Guid SellerId { get; set; }

    [Id(1)]
    public string Title { get; set; } = "";

    [Id(2)]
    public string Brief { get; set; } = "";

    [Id(3)]
    public Guid? CategoryId { get; set; }

    [Id(4)]
    public long Budget { get; set; }

    /// <summary>The agreed amounts of approved engagements: paid out of the escrow.</summary>
    [Id(5)]
    public long Spent { get; set; }

    /// <summary>An <see cref="AdOpportunityStatuses"/> value, or null before the post.</summary>
    [Id(6)]
    public string? Status { get; set; }

    [Id(7)]
    public DateTimeOffset Deadline { get; set; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(9)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(10)]
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Every engagement, in the order the advertisers applied (at most <see cref="IAdOpportunityGrain.MaxEngagements"/>).</summary>
    [Id(11)]
    public List<AdEngagementRecord> Engagements { get; set; } = [];

    /// <summary>What the seller's escrow hold keeps: the unspent budget while open, nothing once closed.</summary>
    public long Escrow => Status == AdOpportunityStatuses.Open ? Budget - Spent : 0;

    public long Committed => Engagements.Where(e => AdEngagementStatuses.Commits(e.Status)).Sum(e => e.AgreedAmount ?? 0);

    public AdEngagementRecord? Find(Guid engagementId) => Engagements.Find(e => e.Id == engagementId);

    public AdOpportunityView? View(Guid id) => Status is null
        ? null
        : new(id, SellerId, Title, Brief, CategoryId, Budget, Committed, Spent, Escrow, Status, Deadline, CreatedAt, ClosedAt, [.. Engagements.Select(e => e.View(id))]);
}
