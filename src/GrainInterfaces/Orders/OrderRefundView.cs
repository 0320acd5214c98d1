namespace GrainMarket.Orders;

/// <summary>
/// A refund as applied: its amount; whether it came out of the order's hold (<see cref="BeforeSettlement"/>) or back
/// from the sellers and the platform in proportion to what settlement paid them; and where the money went:
/// <see cref="Destination"/> <c>wallet</c>, or <c>card</c> (the provider's payment <see cref="PaymentId"/>, through
/// <see cref="Provider"/>: the ledger shows it as a REFUND then a WITHDRAWAL, money leaving the platform).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.OrderRefundView")]
public sealed record OrderRefundView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] long Amount,
    [property: Id(3)] bool BeforeSettlement,
    [property: Id(4)] string Destination,
    [property: Id(5)] string? Provider,
    [property: Id(6)] string? PaymentId,
    [property: Id(7)] DateTimeOffset At);
