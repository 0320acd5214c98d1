namespace GrainMarket.Catalog;

/// <summary>The average of a product's ratings (1–5, two decimals; 0 when it has none) and how many there are.</summary>
public sealed record ProductRating(decimal Average, int Count);
