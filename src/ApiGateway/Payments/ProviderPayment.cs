namespace GrainMarket.ApiGateway.Payments;

/// <summary>A payment the provider created: its id, the secret the client confirms it with, and its status there.</summary>
public sealed record ProviderPayment(string Provider, string PaymentId, string? ClientSecret, string Status);
