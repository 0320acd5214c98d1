using GrainMarket.Catalog;

namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>A product as clients see it; <see cref="Stock"/> is what can still be bought (available units); <see cref="BrandId"/> and <see cref="BrandName"/> its seller's brand, if it carries one.</summary>
public sealed record ProductResponse(
    Guid Id,
    string Title,
    string Description,
    long Price,
    string Currency,
    long Stock,
    Guid SellerId,
    Guid CategoryId,
    IReadOnlyList<string> Images,
    ProductRating Rating,
    string Status,
    string? RejectionReason,
    DateTimeOffset CreatedAt,
    int WeightGrams,
    Guid? BrandId = null,
    string? BrandName = null)
{
    /// <summary>The unit price a checkout charges now (the best of the seller's discount and running sale events); on a product's own page only, null in lists.</summary>
    public long? DiscountedPrice { get; init; }

    /// <summary>The seller's own discount, whether running now or not; null without one.</summary>
    public Promotions.ProductDiscount? Discount { get; init; }

    public static ProductResponse From(ProductInfo product, long available, string currency)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new(product.Id, product.Title, product.Description, product.Price, currency, available, product.SellerId, product.CategoryId, product.Images, product.Rating, product.Status, product.RejectionReason, product.CreatedAt, product.WeightGrams, product.BrandId, product.BrandName);
    }
}
