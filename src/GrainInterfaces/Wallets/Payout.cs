namespace GrainMarket.Wallets;

/// <summary>Where part of a captured hold goes: a credit of <paramref name="Amount"/> to wallet <paramref name="WalletId"/> as <paramref name="Type"/> (PAYMENT, FEE or COMMISSION).</summary>
public sealed record Payout(string WalletId, string Type, long Amount);
