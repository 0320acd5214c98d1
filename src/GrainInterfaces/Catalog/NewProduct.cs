namespace GrainMarket.Catalog;

/// <summary>What a seller lists: <see cref="Price"/> in minor units, <see cref="Stock"/> the units received at listing, <see cref="WeightGrams"/> one unit's weight, <see cref="BrandId"/> one of the seller's approved brands.</summary>
[GenerateSerializer, Alias("gm.catalog.NewProduct")]
public sealed record NewProduct(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] Guid CategoryId,
    [property: Id(4)] long Price,
    [property: Id(5)] long Stock,
    [property: Id(6)] IReadOnlyList<string> Images,
    [property: Id(7)] int WeightGrams = ProductWeights.DefaultGrams,
    [property: Id(8)] Guid? BrandId = null);
