namespace GrainMarket.ApiGateway.Apis.Wallets;

/// <summary>A wallet's balances in minor units of <paramref name="Currency"/>; <paramref name="Balance"/> is available + held.</summary>
public sealed record WalletResponse(string Currency, long Available, long Held, long Balance);
