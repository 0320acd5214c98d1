namespace GrainMarket.Catalog;

/// <summary>A product's listing as its grain holds it (stock lives in its product-stock grain).</summary>
public sealed record ProductInfo(
    Guid Id,
    Guid SellerId,
    Guid CategoryId,
    string Title,
    string Description,
    long Price,
    IReadOnlyList<string> Images,
    ProductRating Rating,
    string Status,
    string? RejectionReason,
    DateTimeOffset CreatedAt);
