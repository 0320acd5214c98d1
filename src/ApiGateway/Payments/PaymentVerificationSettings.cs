using System.Globalization;

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
            Positive(configuration, "GRAINMARKET_PAYMENT_VERIFY_INTERVAL", TimeSpan.FromMinutes(1), "00:01:00"),
            Positive(configuration, "GRAINMARKET_PAYMENT_DEADLINE", TimeSpan.FromMinutes(30), "00:30:00"));
    }

    private static TimeSpan Positive(IConfiguration configuration, string name, TimeSpan fallback, string example) =>
        configuration[name] is not { Length: > 0 } text ? fallback
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value
        : throw new InvalidOperationException($"{name} '{text}' is not a positive TimeSpan such as {example}.");
}
