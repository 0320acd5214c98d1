namespace GrainMarket.Orders;

/// <summary>
/// An admin's refund of an order: <see cref="Amount"/> minor units (null: all that is left to refund), once per
/// <see cref="RefundId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.OrderRefund")]
public sealed record OrderRefund(
    [property: Id(0)] Guid RefundId,
    [property: Id(1)] long? Amount,
    [property: Id(2)] Guid AdminId);
