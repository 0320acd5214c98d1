namespace GrainMarket.Orders;

/// <summary>
/// How an order is paid: <see cref="Method"/> <c>card</c> through <see cref="Provider"/>, whose payment
/// <see cref="PaymentId"/> is set once the provider confirmed it (a wallet checkout has no such record).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.OrderPayment")]
public sealed record OrderPayment(
    [property: Id(0)] string Method,
    [property: Id(1)] string Provider,
    [property: Id(2)] string? PaymentId,
    [property: Id(3)] long Amount);
