namespace GrainMarket.Wallets;

/// <summary>Where part of a captured hold goes: a credit of <paramref name="Amount"/> to wallet <paramref name="WalletId"/> as <paramref name="Type"/> (PAYMENT, FEE, COMMISSION, or REFUND when a return's refund is debited from a seller and the platform).</summary>
[GenerateSerializer, Immutable, Alias("gm.wallets.Payout")]
public sealed record Payout(
    [property: Id(0)] string WalletId,
    [property: Id(1)] string Type,
    [property: Id(2)] long Amount);
