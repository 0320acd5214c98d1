namespace GrainMarket.MpesaStandIn;

/// <summary>
/// Runs the stand-in on its own (<c>./grainmarket up</c> starts it when no real Daraja key is configured): credentials
/// from <c>GRAINMARKET_MPESA_CONSUMER_KEY</c>, <c>_CONSUMER_SECRET</c>, <c>_SHORTCODE</c> and <c>_PASSKEY</c>, listening
/// on <c>--urls</c> (default http://127.0.0.1:12113). Callbacks go to the addresses the requests name.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        string[] names = ["GRAINMARKET_MPESA_CONSUMER_KEY", "GRAINMARKET_MPESA_CONSUMER_SECRET", "GRAINMARKET_MPESA_SHORTCODE", "GRAINMARKET_MPESA_PASSKEY"];
        var values = names.Select(name => configuration[name]).ToArray();
        if (values.Any(string.IsNullOrEmpty))
        {
            throw new InvalidOperationException($"Set {string.Join(", ", names)}.");
        }

        await using var server = await MpesaStandInServer.StartAsync(
            new MpesaStandInOptions(values[0]!, values[1]!, values[2]!, values[3]!) { Urls = configuration["urls"] ?? "http://127.0.0.1:12113" },
            CancellationToken.None);
        Console.WriteLine($"M-Pesa (Daraja) stand-in listening on {server.BaseAddress}");
        await server.WaitForShutdownAsync();
    }
}
