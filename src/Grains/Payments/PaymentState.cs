namespace GrainMarket.Payments;

/// <summary>A provider payment's transactional state; <see cref="Status"/> is null until it is opened or its first event.</summary>
[GenerateSerializer, Alias("gm.payments.PaymentState")]
public sealed class PaymentState
{
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public string Provider { get; set; } = "";

    [Id(2)]
    public string PaymentId { get; set; } = "";

    [Id(3)]
    public string Purpose { get; set; } = "";

    [Id(4)]
    public Guid UserId { get; set; }

    [Id(5)]
    public Guid? OrderId { get; set; }

    /// <summary>What the success credited to the payer's wallet (0 before it).</summary>
    [Id(6)]
    public long Credited { get; set; }

    /// <summary>How much the provider reports refunded so far.</summary>
    [Id(7)]
    public long Refunded { get; set; }

    [Id(8)]
    public string? Outcome { get; set; }

    /// <summary>The provider event ids applied, so that a redelivered event changes nothing (a payment has a handful).</summary>
    [Id(9)]
    public List<string> AppliedEvents { get; set; } = [];

    [Id(10)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>What GrainMarket asked for when it created the payment (0 when it learnt of it from an event).</summary>
    [Id(11)]
    public long Amount { get; set; }

    /// <summary>Until when a payment no event has settled is verified with the provider (null: not opened by GrainMarket).</summary>
    [Id(12)]
    public DateTimeOffset? VerifyUntil { get; set; }

    /// <summary>Who paid, where a refund needs it (an M-Pesa payer's phone): from the first event that says.</summary>
    [Id(13)]
    public string? Payer { get; set; }

    public PaymentView? View() => Status is null ? null : new(Provider, PaymentId, Status, Purpose, UserId, OrderId, Credited, Refunded, Outcome, Amount, VerifyUntil, Payer);
}
