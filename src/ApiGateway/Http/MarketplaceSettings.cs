namespace GrainMarket.ApiGateway.Http;

/// <summary>Marketplace-wide settings the gateway answers with: the platform currency (<c>GRAINMARKET_CURRENCY</c>, default USD).</summary>
public sealed class MarketplaceSettings(IConfiguration configuration)
{
    public string Currency { get; } = configuration["GRAINMARKET_CURRENCY"] is { Length: 3 } currency ? currency.ToUpperInvariant() : "USD";
}
