namespace GrainMarket.Ads;

/// <summary>
/// An advertiser's engagement with an opportunity: their pitch and proposed amount, the amount the seller agreed, the
/// latest proof, how often it was rejected and why, and what the approval paid (<see cref="Paid"/> to the advertiser,
/// <see cref="Fee"/> to the platform; together the agreed amount).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.ads.AdEngagementView")]
public sealed record AdEngagementView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OpportunityId,
    [property: Id(2)] Guid AdvertiserId,
    [property: Id(3)] string Pitch,
    [property: Id(4)] long ProposedAmount,
    [property: Id(5)] long? AgreedAmount,
    [property: Id(6)] string Status,
    [property: Id(7)] AdProof? Proof,
    [property: Id(8)] int Rejections,
    [property: Id(9)] string? RejectionReason,
    [property: Id(10)] long Paid,
    [property: Id(11)] long Fee,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset UpdatedAt);
