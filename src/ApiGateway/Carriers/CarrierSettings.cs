namespace GrainMarket.ApiGateway.Carriers;

/// <summary>
/// The platform carrier, from <c>GRAINMARKET_CARRIER_NAME</c> (its name in the API, e.g. <c>delhivery</c>),
/// <c>GRAINMARKET_CARRIER_URL</c> (its API's base address), <c>GRAINMARKET_CARRIER_TOKEN</c> (sent as
/// <c>Authorization: Token …</c>) and <c>GRAINMARKET_CARRIER_WEBHOOK_SECRET</c> (the HMAC-SHA256 key of its status
/// callbacks). All four or none: with none, no carrier is offered.
/// </summary>
public sealed record CarrierSettings(string Name, Uri BaseAddress, string Token, string WebhookSecret)
{
    public static CarrierSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string?[] values = [configuration["GRAINMARKET_CARRIER_NAME"], configuration["GRAINMARKET_CARRIER_URL"], configuration["GRAINMARKET_CARRIER_TOKEN"], configuration["GRAINMARKET_CARRIER_WEBHOOK_SECRET"]];
        if (values.All(string.IsNullOrEmpty))
        {
            return null;
        }

        if (values.Any(string.IsNullOrEmpty))
        {
            throw new InvalidOperationException("GRAINMARKET_CARRIER_NAME, _URL, _TOKEN and _WEBHOOK_SECRET go together: set all four or none.");
        }

        if (!Uri.TryCreate(values[1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException("GRAINMARKET_CARRIER_URL must be an absolute http(s) address.");
        }

        if (values[3]!.Length < 16)
        {
            throw new InvalidOperationException("GRAINMARKET_CARRIER_WEBHOOK_SECRET must be at least 16 characters.");
        }

        return new CarrierSettings(values[0]!.Trim().ToLowerInvariant(), url, values[2]!, values[3]!);
    }
}
