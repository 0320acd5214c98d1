using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Hosting;

namespace GrainMarket.ApiGateway.Extensions;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Makes the standalone gateway a cluster client: membership comes from the database in <c>GRAINMARKET_DB</c>,
    /// and each call goes straight to the silo that owns the grain.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketClusterClient(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration["GRAINMARKET_DB"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("The standalone gateway needs GRAINMARKET_DB: it reads cluster membership from PostgreSQL.");
        }

        builder.Services.AddGrainClusterClient(connectionString, options => ClusterSettings.Apply(builder.Configuration, options, siloPort: null));
        return builder;
    }
}
