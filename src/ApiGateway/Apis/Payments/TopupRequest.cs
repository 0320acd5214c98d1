namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>
/// A wallet top-up of <see cref="Amount"/> minor units, paid through <see cref="Provider"/> (optional: the first offered for cards);
/// <see cref="PayerPhone"/>: the Kenyan mobile number an M-Pesa payment is pushed to (required for <c>mpesa</c>).
/// </summary>
public sealed record TopupRequest(long? Amount, string? Provider = null, string? PayerPhone = null);
