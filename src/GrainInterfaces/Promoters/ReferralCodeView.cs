namespace GrainMarket.Promoters;

/// <summary>A promoter's referral code: store-wide, or for one product (<see cref="ProductId"/>); clicks counted on its link.</summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.ReferralCodeView")]
public sealed record ReferralCodeView(
    [property: Id(0)] string Code,
    [property: Id(1)] Guid PromoterId,
    [property: Id(2)] Guid? ProductId,
    [property: Id(3)] bool Active,
    [property: Id(4)] long Clicks,
    [property: Id(5)] DateTimeOffset CreatedAt);
