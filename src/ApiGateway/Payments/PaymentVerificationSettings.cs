namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// How payments whose webhook has not come are verified with their provider: every <see cref="Interval"/>
/// (<c>GRAINMARKET_PAYMENT_VERIFY_INTERVAL</c>, default one minute) each payment at least that old and not yet settled by
/// an event is asked about, until its deadline — an order's payment deadline, or <see cref="TopupWindow"/> after a wallet
/// top-up was created (<c>GRAINMARKET_PAYMENT_DEADLINE</c>, default 30 minutes, the same setting as card checkouts').
/// </summary>
public sealed record PaymentVerificationSettings(TimeSpan Interval, TimeSpan TopupWindow)
{
    public static PaymentVerificationSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(
            ProviderSettings.Positive(configuration, "GRAINMARKET_PAYMENT_VERIFY_INTERVAL", TimeSpan.FromMinutes(1)),
            ProviderSettings.Positive(configuration, "GRAINMARKET_PAYMENT_DEADLINE", TimeSpan.FromMinutes(30)));
    }
}
