namespace GrainMarket.Wallets;

/// <summary>A withdrawal's transactional state; <see cref="Status"/> is null until it is requested.</summary>
[GenerateSerializer, Alias("gm.wallets.WithdrawalState")]
public sealed class WithdrawalState
{
    [Id(0)]
    public string? WalletId { get; set; }

    [Id(1)]
    public long Amount { get; set; }

    /// <summary>A <see cref="WithdrawalStatuses"/> value, or null before the request.</summary>
    [Id(2)]
    public string? Status { get; set; }

    [Id(3)]
    public DateTimeOffset RequestedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? ResolvedAt { get; set; }

    public WithdrawalView? View(Guid id) => Status is null ? null : new(id, WalletId!, Amount, Status, RequestedAt, ResolvedAt);
}
