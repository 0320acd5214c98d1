namespace GrainMarket.Payments;

/// <summary>A settlement transfer's transactional state; <see cref="Status"/> is null until settlement records it.</summary>
[GenerateSerializer, Alias("gm.payments.PayoutTransferState")]
public sealed class PayoutTransferState
{
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public string Key { get; set; } = "";

    [Id(2)]
    public Guid OrderId { get; set; }

    [Id(3)]
    public Guid SellerId { get; set; }

    [Id(4)]
    public string Provider { get; set; } = "";

    [Id(5)]
    public string AccountId { get; set; } = "";

    [Id(6)]
    public long Amount { get; set; }

    [Id(7)]
    public string? TransferId { get; set; }

    [Id(8)]
    public int Attempts { get; set; }

    [Id(9)]
    public string? LastError { get; set; }

    [Id(10)]
    public DateTimeOffset NextAttemptAt { get; set; }

    [Id(11)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(12)]
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>How many attempts the provider refused outright (each next attempt asks under a key of its own).</summary>
    [Id(13)]
    public int Refusals { get; set; }

    public PayoutTransferView? View() => Status is null
        ? null
        : new(Key, OrderId, SellerId, Provider, AccountId, Amount, Status, TransferId, Attempts, LastError, NextAttemptAt, CreatedAt, SentAt, Refusals);
}
