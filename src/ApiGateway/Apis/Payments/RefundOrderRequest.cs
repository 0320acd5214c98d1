namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>A refund of <see cref="Amount"/> minor units of an order (optional: all that is left to refund).</summary>
public sealed record RefundOrderRequest(long? Amount = null);
