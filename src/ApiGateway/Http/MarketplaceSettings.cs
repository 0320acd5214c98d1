namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Marketplace-wide settings the gateway answers with: the platform currency (<c>GRAINMARKET_CURRENCY</c>, default USD),
/// and the shortest payment deadline a seller may give the winner of a pay-after-win auction
/// (<c>GRAINMARKET_MIN_PAYMENT_DEADLINE_HOURS</c>, default 1; a shorter one makes the winner a defaulter before they can pay).
/// </summary>
public sealed class MarketplaceSettings(IConfiguration configuration)
{
    /// <summary>The longest payment deadline of a pay-after-win auction, in hours (30 days).</summary>
    public const double MaxPaymentDeadlineHours = 720;

    public string Currency { get; } = configuration["GRAINMARKET_CURRENCY"] is { Length: 3 } currency ? currency.ToUpperInvariant() : "USD";

    public double MinPaymentDeadlineHours { get; } = configuration.GetValue<double?>("GRAINMARKET_MIN_PAYMENT_DEADLINE_HOURS") is { } hours
        ? hours is > 0 and <= MaxPaymentDeadlineHours ? hours : throw new InvalidOperationException("GRAINMARKET_MIN_PAYMENT_DEADLINE_HOURS must be more than 0 and at most 720.")
        : 1;
}
