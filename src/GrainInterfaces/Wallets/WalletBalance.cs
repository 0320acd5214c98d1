namespace GrainMarket.Wallets;

/// <summary>A wallet's balances in minor units: what can be spent and what is held for pending holds.</summary>
[GenerateSerializer, Immutable, Alias("gm.wallets.WalletBalance")]
public sealed record WalletBalance([property: Id(0)] long Available, [property: Id(1)] long Held)
{
    public long Balance => Available + Held;
}
