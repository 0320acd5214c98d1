namespace GrainMarket.Wallets;

/// <summary>Where part of a captured hold goes: a credit of <paramref name="Amount"/> to wallet <paramref name="WalletId"/> as <paramref name="Type"/> (PAYMENT, FEE or COMMISSION).</summary>
[GenerateSerializer, Immutable, Alias("gm.wallets.Payout")]
public sealed record Payout(
    [property: Id(0)] string WalletId,
    [property: Id(1)] string Type,
    [property: Id(2)] long Amount);
