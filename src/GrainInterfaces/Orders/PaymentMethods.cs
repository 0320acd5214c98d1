namespace GrainMarket.Orders;

/// <summary>How a checkout pays: from the wallet at once (the default), or by card through a payment provider.</summary>
public static class PaymentMethods
{
    public const string Wallet = "wallet";
    public const string Card = "card";

    public static IReadOnlyList<string> All { get; } = [Wallet, Card];
}
