namespace GrainMarket.Payments;

/// <summary>
/// A provider's event about one payment, verified and translated out of the provider's format: its
/// <see cref="Kind"/> (<see cref="PaymentEventKinds"/>), the provider's own <see cref="EventId"/> (applied once), the
/// <see cref="PaymentId"/> it concerns (a Stripe PaymentIntent, a Razorpay order, an M-Pesa checkout request) and the
/// amount it reports: received for a success, refunded so far for a refund. <see cref="Purpose"/>,
/// <see cref="UserId"/> and <see cref="OrderId"/> are what the payment was created for (<see cref="PaymentPurposes"/>);
/// <see cref="Payer"/> is who paid where a refund needs it (an M-Pesa payer's phone), kept by the payment.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PaymentEvent")]
public sealed record PaymentEvent(
    [property: Id(0)] string Provider,
    [property: Id(1)] string EventId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string PaymentId,
    [property: Id(4)] long Amount,
    [property: Id(5)] string Purpose,
    [property: Id(6)] Guid UserId,
    [property: Id(7)] Guid? OrderId,
    [property: Id(8)] string? Payer = null);
