namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>What a wallet must hold, as the ledger property test computes it independently of the grains.</summary>
public sealed class ModelWallet(string key)
{
    public string Key { get; } = key;

    public long Available { get; set; }

    public long Held { get; set; }

    public long ExternalIn { get; set; }

    public long ExternalOut { get; set; }

    public long Balance => Available + Held;
}
