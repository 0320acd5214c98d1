namespace GrainMarket.Orders;

/// <summary>
/// How a checkout pays: from the wallet at once (the default), or through a payment provider — by card (Stripe), through
/// Razorpay, or by M-Pesa — whose confirmation places the order.
/// </summary>
public static class PaymentMethods
{
    public const string Wallet = "wallet";
    public const string Card = "card";
    public const string Razorpay = "razorpay";
    public const string Mpesa = "mpesa";

    public static IReadOnlyList<string> All { get; } = [Wallet, Card, Razorpay, Mpesa];

    /// <summary>Whether <paramref name="method"/> pays through a provider (anything but the wallet).</summary>
    public static bool ByProvider([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? method) => method is Card or Razorpay or Mpesa;

    /// <summary>The method a payment at <paramref name="provider"/> pays by: Stripe's are cards, the others are named after their provider.</summary>
    public static string Of(string provider) => provider == "stripe" ? Card : provider;
}
