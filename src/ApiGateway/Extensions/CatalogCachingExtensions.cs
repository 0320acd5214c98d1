using GrainMarket.ApiGateway.Caching;

namespace GrainMarket.ApiGateway.Extensions;

public static class CatalogCachingExtensions
{
    /// <summary>
    /// Catalog reads at scale: an in-memory output cache (ASP.NET Core output caching) with the <see cref="CatalogCache.Policy"/>
    /// policy, the <see cref="CatalogCache"/> that evicts it, and the <see cref="CatalogChangeFeed"/> that evicts it when any
    /// silo or gateway changes the catalog (see the "Caching" section of docs/api-conventions.md).
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketCatalogCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CatalogOutputCachePolicy>();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<CatalogOutputCachePolicy>((options, policy) => options.AddPolicy(CatalogCache.Policy, policy));
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddSingleton<CatalogChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogChangeFeed>());
        return builder;
    }

    /// <summary>A catalog read served from the output cache, with an ETag and 304 on a matching <c>If-None-Match</c>.</summary>
    public static RouteHandlerBuilder WithCatalogCaching(this RouteHandlerBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.CacheOutput(CatalogCache.Policy).AddEndpointFilter(new ConditionalGet(personal: false));
    }

    /// <summary>A read whose answer may depend on the caller: an ETag and 304, <c>private</c> for signed-in callers, never the shared output cache.</summary>
    public static RouteHandlerBuilder WithConditionalGet(this RouteHandlerBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.AddEndpointFilter(new ConditionalGet(personal: true));
    }
}
