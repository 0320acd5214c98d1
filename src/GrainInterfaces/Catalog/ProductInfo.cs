using GrainMarket.Promotions;

namespace GrainMarket.Catalog;

/// <summary>A product's listing as its grain holds it (stock lives in its product-stock grain); <see cref="BrandId"/> is the seller's approved brand it carries.</summary>
[GenerateSerializer, Alias("gm.catalog.ProductInfo")]
public sealed record ProductInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] Guid CategoryId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Description,
    [property: Id(5)] long Price,
    [property: Id(6)] IReadOnlyList<string> Images,
    [property: Id(7)] ProductRating Rating,
    [property: Id(8)] string Status,
    [property: Id(9)] string? RejectionReason,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] int WeightGrams = ProductWeights.DefaultGrams,
    [property: Id(12)] Guid? BrandId = null,
    [property: Id(13)] string? BrandName = null)
{
    /// <summary>The seller's own discount on the product, whether active now or not (Ids 14-17: pricing).</summary>
    [Id(14)]
    public ProductDiscount? Discount { get; init; }
}
