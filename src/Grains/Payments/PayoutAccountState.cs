namespace GrainMarket.Payments;

/// <summary>A seller's payout account's transactional state; <see cref="AccountId"/> is null until one is linked.</summary>
[GenerateSerializer, Alias("gm.payments.PayoutAccountState")]
public sealed class PayoutAccountState
{
    [Id(0)]
    public Guid SellerId { get; set; }

    [Id(1)]
    public string Provider { get; set; } = "";

    [Id(2)]
    public string? AccountId { get; set; }

    [Id(3)]
    public bool PayoutsEnabled { get; set; }

    [Id(4)]
    public bool ChargesEnabled { get; set; }

    [Id(5)]
    public bool TransfersActive { get; set; }

    [Id(6)]
    public bool DetailsSubmitted { get; set; }

    /// <summary>The provider's time of the latest report applied: an older one changes nothing.</summary>
    [Id(7)]
    public DateTimeOffset? StatusAt { get; set; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The newest report ids applied, so a redelivery changes nothing (bounded: older ones are also older in time).</summary>
    [Id(9)]
    public List<string> AppliedEvents { get; set; } = [];

    public PayoutAccountView? View() => AccountId is null
        ? null
        : new(SellerId, Provider, AccountId, PayoutsEnabled, ChargesEnabled, TransfersActive, DetailsSubmitted, StatusAt, CreatedAt);
}
