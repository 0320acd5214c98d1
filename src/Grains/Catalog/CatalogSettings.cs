namespace GrainMarket.Catalog;

/// <summary>Catalog rules from configuration: with <see cref="ModerationRequired"/> (<c>GRAINMARKET_PRODUCT_MODERATION=true</c>) new products, and sellers' edits of what an approved one says or shows, wait for an admin.</summary>
public sealed record CatalogSettings(bool ModerationRequired);
