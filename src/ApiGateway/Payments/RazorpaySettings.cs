namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Razorpay, from <c>GRAINMARKET_RAZORPAY_KEY_ID</c>, <c>GRAINMARKET_RAZORPAY_KEY_SECRET</c> and
/// <c>GRAINMARKET_RAZORPAY_WEBHOOK_SECRET</c> (all three or none: without them Razorpay is not offered),
/// <c>GRAINMARKET_RAZORPAY_API_BASE</c> (default Razorpay's own; <c>./grainmarket up</c> and the tests point it at the
/// stand-in) and <c>GRAINMARKET_RAZORPAY_TIMEOUT</c> (each attempt of a call, default 00:00:10; three attempts).
/// </summary>
public sealed record RazorpaySettings(string KeyId, string KeySecret, string WebhookSecret, Uri ApiBase, TimeSpan Timeout)
{
    public const int Attempts = 3;

    public static RazorpaySettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[] names = ["GRAINMARKET_RAZORPAY_KEY_ID", "GRAINMARKET_RAZORPAY_KEY_SECRET", "GRAINMARKET_RAZORPAY_WEBHOOK_SECRET"];
        var values = names.Select(n => configuration[n]).ToArray();
        var missing = names.Where((_, i) => string.IsNullOrEmpty(values[i])).ToArray();
        if (missing.Length == names.Length)
        {
            return null;
        }

        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"GRAINMARKET_RAZORPAY_KEY_ID, GRAINMARKET_RAZORPAY_KEY_SECRET and GRAINMARKET_RAZORPAY_WEBHOOK_SECRET go together: set all three or none ({string.Join(", ", missing)} missing).");
        }

        return new RazorpaySettings(
            values[0]!,
            values[1]!,
            values[2]!,
            ProviderSettings.ApiBase(configuration, "GRAINMARKET_RAZORPAY_API_BASE", "https://api.razorpay.com"),
            ProviderSettings.Timeout(configuration, "GRAINMARKET_RAZORPAY_TIMEOUT"));
    }
}
