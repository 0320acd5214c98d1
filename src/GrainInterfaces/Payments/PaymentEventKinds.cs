namespace GrainMarket.Payments;

/// <summary>The provider-neutral kinds of <see cref="PaymentEvent"/>.</summary>
public static class PaymentEventKinds
{
    /// <summary>The money was received (Stripe <c>payment_intent.succeeded</c>).</summary>
    public const string Succeeded = "succeeded";

    /// <summary>An attempt failed; the payer may try again (Stripe <c>payment_intent.payment_failed</c>).</summary>
    public const string Failed = "failed";

    /// <summary>The provider has refunded (part of) the payment (Stripe <c>charge.refunded</c>).</summary>
    public const string Refunded = "refunded";
}
