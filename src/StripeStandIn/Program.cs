namespace GrainMarket.StripeStandIn;

/// <summary>
/// Runs the stand-in on its own (<c>./grainmarket up</c> starts it when no real Stripe key is configured): keys from
/// <c>GRAINMARKET_STRIPE_SECRET_KEY</c> and <c>GRAINMARKET_STRIPE_WEBHOOK_SECRET</c>, webhooks to
/// <c>GRAINMARKET_STRIPE_STANDIN_WEBHOOK_URL</c>, listening on <c>--urls</c> (default http://127.0.0.1:12111).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var key = configuration["GRAINMARKET_STRIPE_SECRET_KEY"];
        var secret = configuration["GRAINMARKET_STRIPE_WEBHOOK_SECRET"];
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("Set GRAINMARKET_STRIPE_SECRET_KEY and GRAINMARKET_STRIPE_WEBHOOK_SECRET.");
        }

        var webhook = configuration["GRAINMARKET_STRIPE_STANDIN_WEBHOOK_URL"];
        await using var server = await StripeStandInServer.StartAsync(
            new StripeStandInOptions(key, secret)
            {
                Urls = configuration["urls"] ?? "http://127.0.0.1:12111",
                WebhookUrl = string.IsNullOrEmpty(webhook) ? null : new Uri(webhook),
            },
            CancellationToken.None);
        Console.WriteLine($"Stripe stand-in listening on {server.BaseAddress}");
        await server.WaitForShutdownAsync();
    }
}
