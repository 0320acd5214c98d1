namespace GrainMarket.Payments;

/// <summary>Keys and ledger ids of provider payments.</summary>
public static class PaymentKeys
{
    /// <summary>The payment grain of <paramref name="paymentId"/> at <paramref name="provider"/>.</summary>
    public static string For(string provider, string paymentId) => $"{provider}:{paymentId}";

    /// <summary>The wallet operation (and ledger reference) that credits a payment's money: one per payment, ever.</summary>
    public static string Credit(string provider, string paymentId) => $"payment:{provider}:{paymentId}";
}
