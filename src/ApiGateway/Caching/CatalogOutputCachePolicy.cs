using GrainMarket.ApiGateway.ReadModels;
using Microsoft.AspNetCore.OutputCaching;

namespace GrainMarket.ApiGateway.Caching;

/// <summary>
/// Caches a catalog read per path and query (every parameter), tagged <see cref="CatalogCache.Tag"/>, for at most
/// <c>GRAINMARKET_CATALOG_CACHE_SECONDS</c> (default 60) — eviction on change is the rule, the expiry only bounds what a
/// missed eviction could cost. The cached reads answer the same to everyone, so signed-in callers share the entries;
/// only 200 answers without cookies are stored. Without a database (the in-memory mode) nothing notifies changes, so
/// nothing is cached.
/// </summary>
public sealed class CatalogOutputCachePolicy(ReadModelDatabase database, IConfiguration configuration) : IOutputCachePolicy
{
    private readonly TimeSpan _expiry = TimeSpan.FromSeconds(configuration.GetValue<int?>("GRAINMARKET_CATALOG_CACHE_SECONDS") ?? 60);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.HttpContext.Request.Method;
        var cacheable = database.IsAvailable && _expiry > TimeSpan.Zero && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method));
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = _expiry;
        context.CacheVaryByRules.QueryKeys = "*";
        context.Tags.Add(CatalogCache.Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
