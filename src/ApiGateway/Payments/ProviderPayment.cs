namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// A payment the provider created: its id, the secret the client confirms it with, its status there, and the public key
/// the client opens the provider's checkout with (Razorpay's key id for Checkout.js; null where none is needed).
/// </summary>
public sealed record ProviderPayment(string Provider, string PaymentId, string? ClientSecret, string Status, string? ClientKey = null);
