namespace GrainMarket.StripeStandIn;

/// <summary>
/// How a stand-in runs: the secret API key it accepts (<c>Authorization: Bearer …</c>), the endpoint secret it signs
/// webhooks with, and where it delivers them: <see cref="WebhookUrl"/>, or a client set later
/// (<see cref="StripeStandInServer.WebhookClient"/>). Without either, events are only kept (<see cref="StripeStandInServer.Events"/>).
/// </summary>
public sealed record StripeStandInOptions(string SecretKey, string WebhookSecret)
{
    /// <summary>The loopback URL to listen on; port 0 picks a free one.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>The absolute URL to POST webhooks to (<c>./grainmarket up</c>: the gateway's <c>/api/payments/webhooks/stripe</c>).</summary>
    public Uri? WebhookUrl { get; init; }

    public string WebhookPath { get; init; } = "/api/payments/webhooks/stripe";
}
