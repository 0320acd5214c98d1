using GrainMarket.Catalog;

namespace GrainMarket.Silo.Extensions;

public static class CatalogExtensions
{
    /// <summary>Registers the catalog grains' settings: <c>GRAINMARKET_PRODUCT_MODERATION=true</c> makes new products wait for an admin.</summary>
    public static WebApplicationBuilder AddGrainMarketCatalog(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new CatalogSettings(builder.Configuration.GetValue<bool>("GRAINMARKET_PRODUCT_MODERATION")));
        return builder;
    }
}
