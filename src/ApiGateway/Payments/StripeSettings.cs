namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Stripe, from <c>GRAINMARKET_STRIPE_SECRET_KEY</c> and <c>GRAINMARKET_STRIPE_WEBHOOK_SECRET</c> (both or neither: without
/// them Stripe is not offered), <c>GRAINMARKET_STRIPE_API_BASE</c> (default Stripe's own; <c>./grainmarket up</c> and the
/// tests point it at the stand-in) and <c>GRAINMARKET_STRIPE_TIMEOUT</c> (each attempt of a call, default 00:00:10; a
/// call that times out is tried again with the same idempotency key, three attempts in all).
/// <c>GRAINMARKET_STRIPE_CONNECT_WEBHOOK_SECRET</c> (optional): the signing secret of a Connect endpoint (events of
/// connected accounts, such as <c>account.updated</c>) when it is not the same endpoint as the account's own.
/// </summary>
public sealed record StripeSettings(string SecretKey, string WebhookSecret, Uri ApiBase, TimeSpan Timeout)
{
    public const int Attempts = 3;

    /// <summary>The Connect endpoint's signing secret, when Stripe signs connected accounts' events with another secret.</summary>
    public string? ConnectWebhookSecret { get; init; }

    /// <summary>How old a webhook's signed timestamp may be (Stripe's own default).</summary>
    public const long ToleranceSeconds = 300;

    public static StripeSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration["GRAINMARKET_STRIPE_SECRET_KEY"];
        var secret = configuration["GRAINMARKET_STRIPE_WEBHOOK_SECRET"];
        if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("GRAINMARKET_STRIPE_SECRET_KEY and GRAINMARKET_STRIPE_WEBHOOK_SECRET go together: set both or neither.");
        }

        return new StripeSettings(key, secret, ProviderSettings.ApiBase(configuration, "GRAINMARKET_STRIPE_API_BASE", "https://api.stripe.com"), ProviderSettings.Timeout(configuration, "GRAINMARKET_STRIPE_TIMEOUT"))
        {
            ConnectWebhookSecret = configuration["GRAINMARKET_STRIPE_CONNECT_WEBHOOK_SECRET"] is { Length: > 0 } connect ? connect : null,
        };
    }
}
