namespace GrainMarket.Wallets;

/// <summary>A wallet's balances in minor units: what can be spent and what is held for pending holds.</summary>
public sealed record WalletBalance(long Available, long Held)
{
    public long Balance => Available + Held;
}
