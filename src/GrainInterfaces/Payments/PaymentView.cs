namespace GrainMarket.Payments;

/// <summary>
/// A provider payment as GrainMarket applied it: its status, the amount credited (0 until it succeeded), how much the
/// provider reports refunded, and <see cref="Outcome"/>: for an order, whether the money placed it
/// (<c>order-placed</c>) or stayed in the buyer's wallet because the order no longer awaited it (<c>kept-in-wallet</c>);
/// <see cref="Payer"/>: who paid, where a refund needs it (an M-Pesa payer's phone).
/// <see cref="Amount"/> is what GrainMarket asked for (0 for a payment it learnt of only from an event) and
/// <see cref="VerifyUntil"/> how long it is verified with the provider while no event has settled it.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PaymentView")]
public sealed record PaymentView(
    [property: Id(0)] string Provider,
    [property: Id(1)] string PaymentId,
    [property: Id(2)] string Status,
    [property: Id(3)] string Purpose,
    [property: Id(4)] Guid UserId,
    [property: Id(5)] Guid? OrderId,
    [property: Id(6)] long Credited,
    [property: Id(7)] long Refunded,
    [property: Id(8)] string? Outcome,
    [property: Id(9)] long Amount = 0,
    [property: Id(10)] DateTimeOffset? VerifyUntil = null,
    [property: Id(11)] string? Payer = null);
