namespace GrainMarket.ApiGateway.Payments;

/// <summary>A refund the provider accepted: its id and status there.</summary>
public sealed record ProviderRefund(string RefundId, string Status);
