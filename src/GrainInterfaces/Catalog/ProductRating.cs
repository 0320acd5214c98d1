namespace GrainMarket.Catalog;

/// <summary>The average of a product's ratings (1–5, two decimals; 0 when it has none) and how many there are.</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.ProductRating")]
public sealed record ProductRating([property: Id(0)] decimal Average, [property: Id(1)] int Count);
