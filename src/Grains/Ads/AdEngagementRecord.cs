namespace GrainMarket.Ads;

/// <summary>An engagement as its opportunity's state keeps it (<see cref="AdEngagementView"/> is what leaves the grain).</summary>
[GenerateSerializer, Alias("gm.ads.AdEngagementRecord")]
public sealed class AdEngagementRecord
{
    [Id(0)]
    public Guid Id { get; set; }

    [Id(1)]
    public Guid AdvertiserId { get; set; }

    [Id(2)]
    public string Pitch { get; set; } = "";

    [Id(3)]
    public long ProposedAmount { get; set; }

    [Id(4)]
    public long? AgreedAmount { get; set; }

    /// <summary>An <see cref="AdEngagementStatuses"/> value.</summary>
    [Id(5)]
    public string Status { get; set; } = AdEngagementStatuses.Applied;

    [Id(6)]
    public AdProof? Proof { get; set; }

    [Id(7)]
    public int Rejections { get; set; }

    [Id(8)]
    public string? RejectionReason { get; set; }

    [Id(9)]
    public long Paid { get; set; }

    [Id(10)]
    public long Fee { get; set; }

    [Id(11)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(12)]
    public DateTimeOffset UpdatedAt { get; set; }

    public AdEngagementView View(Guid opportunityId) =>
        new(Id, opportunityId, AdvertiserId, Pitch, ProposedAmount, AgreedAmount, Status, Proof, Rejections, RejectionReason, Paid, Fee, CreatedAt, UpdatedAt);
}
