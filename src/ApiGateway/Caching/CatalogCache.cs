using Microsoft.AspNetCore.OutputCaching;

namespace GrainMarket.ApiGateway.Caching;

/// <summary>
/// This gateway's output cache of catalog reads (the category tree and product searches), all under one tag. It is
/// evicted whenever the catalog's tables change, whoever changed them: on the channel <see cref="Channel"/> that a
/// trigger notifies (<see cref="CatalogChangeFeed"/>), and at once on the gateway that served a catalog write
/// (<see cref="EvictAfterWriteAsync"/>), so its caller reads its own write.
/// </summary>
public sealed class CatalogCache(IOutputCacheStore store, ILogger<CatalogCache> logger)
{
    /// <summary>The output cache policy of cached catalog reads.</summary>
    public const string Policy = "catalog";

    /// <summary>The tag every cached catalog response carries.</summary>
    public const string Tag = "catalog";

    /// <summary>The PostgreSQL channel that db/0031_media.sql's triggers notify on each change of categories, products or stock.</summary>
    public const string Channel = "catalog_changed";

    public async ValueTask EvictAsync(string reason, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(Tag, cancellationToken);
        logger.LogDebug("Catalog output cache evicted: {CatalogChange}", reason);
    }

    /// <summary>
    /// An endpoint filter for catalog writes: once a write has succeeded (a 2xx answer), the cache is evicted before the
    /// answer leaves, so the writer's next read on this gateway is not served from before its write.
    /// </summary>
    public static async ValueTask<object?> EvictAfterWriteAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && ConditionalGet.StatusOf(result) is >= 200 and < 300)
        {
            await http.RequestServices.GetRequiredService<CatalogCache>().EvictAsync($"{http.Request.Method} {http.Request.Path}", http.RequestAborted);
        }

        return result;
    }
}
