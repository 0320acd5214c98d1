using GrainMarket.Catalog;

namespace GrainMarket.Silo.Extensions;

public static class CatalogExtensions
{
    /// <summary>Registers the catalog grains' settings: <c>GRAINMARKET_PRODUCT_MODERATION=true</c> makes new products wait for an admin.</summary>
    public static IServiceCollection AddGrainMarketCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSingleton(new CatalogSettings(configuration.GetValue<bool>("GRAINMARKET_PRODUCT_MODERATION")));
    }
}
