namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>A payment provider on offer and the checkout payment methods it serves.</summary>
public sealed record ProviderSummary(string Name, IReadOnlyList<string> Methods);
