using GrainMarket.ApiGateway.Analytics;

namespace GrainMarket.ApiGateway.Extensions;

public static class AnalyticsExtensions
{
    /// <summary>
    /// Seller analytics' part in the gateway: the <see cref="ProductViews"/> counter of product detail views, flushed to
    /// PostgreSQL every <c>GRAINMARKET_VIEW_FLUSH_SECONDS</c> (docs/analytics.md).
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketAnalytics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ProductViews>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProductViews>());
        return builder;
    }
}
