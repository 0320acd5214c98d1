namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>
/// A refund as applied: where the money went (<c>wallet</c>, or <c>card</c> through <see cref="Provider"/>, whose refund
/// is <see cref="ProviderRefundId"/>) and whether it came out of the order's hold or back from what settlement paid.
/// </summary>
public sealed record RefundResponse(Guid Id, Guid OrderId, long Amount, string Currency, bool BeforeSettlement, string Destination, string? Provider, string? PaymentId, string? ProviderRefundId);
