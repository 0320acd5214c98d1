namespace GrainMarket.Promoters;

/// <summary>
/// A referral code: its promoter (empty until created), its product (null: store-wide), whether it still refers, and its
/// link's clicks per UTC day for the last <see cref="ReferralCodeGrain.DaysKept"/> days (older days stay in the
/// <c>referral_clicks</c> read model only).
/// </summary>
[GenerateSerializer, Alias("gm.promoters.ReferralCodeState")]
public sealed class ReferralCodeState
{
    [Id(0)]
    public Guid PromoterId { get; set; }

    [Id(1)]
    public Guid? ProductId { get; set; }

    [Id(2)]
    public bool Active { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public long Clicks { get; set; }

    [Id(5)]
    public Dictionary<DateOnly, long> ClicksByDay { get; set; } = [];
}
