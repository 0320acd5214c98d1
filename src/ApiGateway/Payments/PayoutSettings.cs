namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Payouts to connected accounts: where the provider's onboarding sends a seller back (<c>GRAINMARKET_PUBLIC_URL</c>,
/// else the request's own origin), how often each gateway looks for transfers due (<c>GRAINMARKET_PAYOUT_INTERVAL</c>,
/// default 00:00:10) and the first wait after a refused transfer (<c>GRAINMARKET_PAYOUT_RETRY</c>, default 00:01:00,
/// doubling with each refusal up to an hour).
/// </summary>
public sealed record PayoutSettings(string? PublicUrl, TimeSpan Interval, TimeSpan Retry)
{
    public static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);

    /// <summary>How long a gateway owns the transfers it claimed: another gateway sends them only after this.</summary>
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    public static PayoutSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new PayoutSettings(
            configuration["GRAINMARKET_PUBLIC_URL"] is { Length: > 0 } url ? url.TrimEnd('/') : null,
            ProviderSettings.Positive(configuration, "GRAINMARKET_PAYOUT_INTERVAL", TimeSpan.FromSeconds(10)),
            ProviderSettings.Positive(configuration, "GRAINMARKET_PAYOUT_RETRY", TimeSpan.FromMinutes(1)));
    }

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> refusals: <see cref="Retry"/>, doubled each time, at most <see cref="MaxRetry"/>.</summary>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(MaxRetry.Ticks, Retry.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30))));
}
