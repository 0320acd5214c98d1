namespace GrainMarket.RazorpayStandIn;

/// <summary>
/// How a stand-in runs: the key id and key secret it accepts (basic auth, as Razorpay's API), the webhook secret it
/// signs webhooks with, and where it delivers them: <see cref="WebhookUrl"/>, or a client set later
/// (<see cref="RazorpayStandInServer.WebhookClient"/>). Without either, events are only kept (<see cref="RazorpayStandInServer.Events"/>).
/// </summary>
public sealed record RazorpayStandInOptions(string KeyId, string KeySecret, string WebhookSecret)
{
    /// <summary>The loopback URL to listen on; port 0 picks a free one.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>The absolute URL to POST webhooks to (<c>./grainmarket up</c>: the gateway's <c>/api/payments/webhooks/razorpay</c>).</summary>
    public Uri? WebhookUrl { get; init; }

    public string WebhookPath { get; init; } = "/api/payments/webhooks/razorpay";
}
