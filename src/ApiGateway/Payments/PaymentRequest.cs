namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// A payment to create: <see cref="Amount"/> minor units of <see cref="Currency"/> for <see cref="Purpose"/> (a top-up
/// of <see cref="UserId"/>'s wallet, or <see cref="OrderId"/>), once per <see cref="IdempotencyKey"/>.
/// <see cref="PayerPhone"/> is for providers that push the request to a phone (M-Pesa's STK push).
/// </summary>
public sealed record PaymentRequest(string IdempotencyKey, long Amount, string Currency, string Purpose, Guid UserId, Guid? OrderId = null, string? PayerPhone = null);
