namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// M-Pesa through Safaricom's Daraja API, from <c>GRAINMARKET_MPESA_CONSUMER_KEY</c>, <c>_CONSUMER_SECRET</c>,
/// <c>_SHORTCODE</c>, <c>_PASSKEY</c>, <c>_CALLBACK_SECRET</c> (the key of the callback addresses' tokens) and
/// <c>_CALLBACK_BASE</c> (the public address Daraja calls back): all or none, without them M-Pesa is not offered.
/// <c>_API_BASE</c> (default Daraja's production address; <c>./grainmarket up</c> and the tests point it at the stand-in),
/// <c>_TIMEOUT</c> (each call, default 00:00:10), and for refunds (B2C payments) <c>_INITIATOR_NAME</c> and
/// <c>_SECURITY_CREDENTIAL</c> (the initiator's password encrypted with Safaricom's certificate; without them an M-Pesa
/// refund is refused with 502).
/// </summary>
public sealed record MpesaSettings(
    string ConsumerKey, string ConsumerSecret, string ShortCode, string Passkey, string CallbackSecret, Uri CallbackBase, Uri ApiBase, TimeSpan Timeout)
{
    /// <summary>Attempts of a call that cannot change anything (the token, a query); an STK push is never sent twice.</summary>
    public const int Attempts = 3;

    public string? InitiatorName { get; init; }

    public string? SecurityCredential { get; init; }

    private static readonly string[] Required =
    [
        "GRAINMARKET_MPESA_CONSUMER_KEY", "GRAINMARKET_MPESA_CONSUMER_SECRET", "GRAINMARKET_MPESA_SHORTCODE",
        "GRAINMARKET_MPESA_PASSKEY", "GRAINMARKET_MPESA_CALLBACK_SECRET", "GRAINMARKET_MPESA_CALLBACK_BASE",
    ];

    public static MpesaSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = Required.Select(name => configuration[name]).ToArray();
        if (values.All(string.IsNullOrEmpty))
        {
            return null;
        }

        if (values.Any(string.IsNullOrEmpty))
        {
            throw new InvalidOperationException($"{string.Join(", ", Required)} go together: set all or none (missing: {string.Join(", ", Required.Where((_, i) => string.IsNullOrEmpty(values[i]))) }).");
        }

        return new MpesaSettings(
            values[0]!, values[1]!, values[2]!, values[3]!, values[4]!,
            ProviderSettings.ApiBase(configuration, "GRAINMARKET_MPESA_CALLBACK_BASE", null),
            ProviderSettings.ApiBase(configuration, "GRAINMARKET_MPESA_API_BASE", "https://api.safaricom.co.ke"),
            ProviderSettings.Timeout(configuration, "GRAINMARKET_MPESA_TIMEOUT"))
        {
            InitiatorName = configuration["GRAINMARKET_MPESA_INITIATOR_NAME"] is { Length: > 0 } initiator ? initiator : null,
            SecurityCredential = configuration["GRAINMARKET_MPESA_SECURITY_CREDENTIAL"] is { Length: > 0 } credential ? credential : null,
        };
    }
}
