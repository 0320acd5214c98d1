namespace GrainMarket.RazorpayStandIn;

/// <summary>
/// Runs the stand-in on its own (<c>./grainmarket up</c> starts it when no real Razorpay key is configured): keys from
/// <c>GRAINMARKET_RAZORPAY_KEY_ID</c>, <c>GRAINMARKET_RAZORPAY_KEY_SECRET</c> and <c>GRAINMARKET_RAZORPAY_WEBHOOK_SECRET</c>,
/// webhooks to <c>GRAINMARKET_RAZORPAY_STANDIN_WEBHOOK_URL</c>, listening on <c>--urls</c> (default http://127.0.0.1:12112).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var keyId = configuration["GRAINMARKET_RAZORPAY_KEY_ID"];
        var keySecret = configuration["GRAINMARKET_RAZORPAY_KEY_SECRET"];
        var webhookSecret = configuration["GRAINMARKET_RAZORPAY_WEBHOOK_SECRET"];
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(keySecret) || string.IsNullOrEmpty(webhookSecret))
        {
            throw new InvalidOperationException("Set GRAINMARKET_RAZORPAY_KEY_ID, GRAINMARKET_RAZORPAY_KEY_SECRET and GRAINMARKET_RAZORPAY_WEBHOOK_SECRET.");
        }

        var webhook = configuration["GRAINMARKET_RAZORPAY_STANDIN_WEBHOOK_URL"];
        await using var server = await RazorpayStandInServer.StartAsync(
            new RazorpayStandInOptions(keyId, keySecret, webhookSecret)
            {
                Urls = configuration["urls"] ?? "http://127.0.0.1:12112",
                WebhookUrl = string.IsNullOrEmpty(webhook) ? null : new Uri(webhook),
            },
            CancellationToken.None);
        Console.WriteLine($"Razorpay stand-in listening on {server.BaseAddress}");
        await server.WaitForShutdownAsync();
    }
}
