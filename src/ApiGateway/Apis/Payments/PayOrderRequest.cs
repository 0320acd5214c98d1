namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>
/// How to pay an order awaiting payment: <c>wallet</c> (the default) or a provider's method;
/// <see cref="PayerPhone"/>: the Kenyan mobile number an M-Pesa payment is pushed to (required for <c>mpesa</c>).
/// </summary>
public sealed record PayOrderRequest(string? PaymentMethod = null, string? PayerPhone = null);
