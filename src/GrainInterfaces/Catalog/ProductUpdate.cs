namespace GrainMarket.Catalog;

/// <summary>A change of a product's listing; null members keep their value. <see cref="BrandId"/> puts one of the seller's approved brands on it, <see cref="ClearBrand"/> takes its brand off.</summary>
[GenerateSerializer, Alias("gm.catalog.ProductUpdate")]
public sealed record ProductUpdate(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] Guid? CategoryId,
    [property: Id(3)] long? Price,
    [property: Id(4)] IReadOnlyList<string>? Images,
    [property: Id(5)] int? WeightGrams = null,
    [property: Id(6)] Guid? BrandId = null,
    [property: Id(7)] bool ClearBrand = false);
