namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// What a webhook's address carries, for a provider that proves its callbacks there rather than by a signature
/// (M-Pesa): <see cref="For"/>, what the payment is for, and <see cref="Token"/>, its HMAC under our secret.
/// </summary>
public sealed record WebhookAddress(string? For = null, string? Token = null);
