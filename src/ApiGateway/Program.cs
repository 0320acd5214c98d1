using GrainMarket.ApiGateway.Extensions;

namespace GrainMarket.ApiGateway;

/// <summary>
/// The standalone gateway (a cluster client). Named, not top-level, so that it does not collide with the Silo's
/// <c>Program</c>, which co-hosts this gateway and references this assembly.
/// </summary>
public static class GatewayProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddGrainMarketClusterClient();
        builder.AddGrainMarketGateway();

        var app = builder.Build();

        app.MapGrainMarketGateway();

        await app.RunUntilStoppedAsync();
    }
}
