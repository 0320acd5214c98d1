namespace GrainMarket.Promoters;

/// <summary>One wallet's part of a commission movement: the wallet that pays a commission, or that is paid one back.</summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.CommissionShare")]
public sealed record CommissionShare(
    [property: Id(0)] string WalletId,
    [property: Id(1)] long Amount);
