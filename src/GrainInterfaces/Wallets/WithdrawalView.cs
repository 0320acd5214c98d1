namespace GrainMarket.Wallets;

/// <summary>A withdrawal request and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("gm.wallets.WithdrawalView")]
public sealed record WithdrawalView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string WalletId,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] DateTimeOffset? ResolvedAt);
