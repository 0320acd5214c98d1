namespace GrainMarket.Wallets;

/// <summary>A withdrawal's transactional state; <see cref="Status"/> is null until it is requested.</summary>
public sealed class WithdrawalState
{
    public string? WalletId { get; set; }

    public long Amount { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public WithdrawalView? View(Guid id) => Status is null ? null : new(id, WalletId!, Amount, Status, RequestedAt, ResolvedAt);
}
