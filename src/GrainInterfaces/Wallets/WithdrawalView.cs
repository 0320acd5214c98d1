namespace GrainMarket.Wallets;

/// <summary>A withdrawal request and where it stands.</summary>
public sealed record WithdrawalView(Guid Id, string WalletId, long Amount, string Status, DateTimeOffset RequestedAt, DateTimeOffset? ResolvedAt);
