namespace GrainMarket.Catalog;

/// <summary>Catalog rules from configuration: with <see cref="ModerationRequired"/> (<c>GRAINMARKET_PRODUCT_MODERATION=true</c>) new products wait for an admin.</summary>
public sealed record CatalogSettings(bool ModerationRequired);
