namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>How to pay an order awaiting payment: <c>wallet</c> (the default) or <c>card</c>.</summary>
public sealed record PayOrderRequest(string? PaymentMethod = null);
