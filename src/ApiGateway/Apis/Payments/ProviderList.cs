namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>The payment providers on offer (a single page: <see cref="Next"/> is always null).</summary>
public sealed record ProviderList(IReadOnlyList<ProviderSummary> Items, string? Next = null);
