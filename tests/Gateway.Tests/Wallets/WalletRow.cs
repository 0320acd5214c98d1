namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>A wallet's row in the <c>wallets</c> read model.</summary>
public sealed record WalletRow(long Available, long Held, long ExternalIn, long ExternalOut);
