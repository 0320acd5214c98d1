namespace GrainMarket.Silo.Extensions;

public static class SiloExtensions
{
    /// <summary>Registers the grain runtime, its storage and the marketplace grains in this process.</summary>
    public static IHostApplicationBuilder AddGrainMarketSilo(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
