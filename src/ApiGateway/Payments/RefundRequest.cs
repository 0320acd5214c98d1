namespace GrainMarket.ApiGateway.Payments;

/// <summary>A refund of <see cref="Amount"/> of payment <see cref="PaymentId"/>, once per <see cref="IdempotencyKey"/>.</summary>
public sealed record RefundRequest(string IdempotencyKey, string PaymentId, long Amount);
