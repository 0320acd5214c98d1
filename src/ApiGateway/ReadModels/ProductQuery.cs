using System.Globalization;
using GrainMarket.ApiGateway.Apis.Catalog;
using GrainMarket.Catalog;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>A validated product search: the filters, the order, the page size and where the previous page ended.</summary>
public sealed record ProductQuery(
    string? Text,
    Guid? CategoryId,
    long? MinPrice,
    long? MaxPrice,
    decimal? MinRating,
    Guid? SellerId,
    ProductSort Sort,
    int Limit,
    SearchCursor? After)
{
    public const int DefaultLimit = 20;

    /// <summary>Only products carrying this brand, when given.</summary>
    public Guid? BrandId { get; init; }

    /// <summary>The status of the products searched: active ones for everybody; admins' moderation lists choose another.</summary>
    public string Status { get; init; } = ProductStatus.Active;

    public const int MaxLimit = 100;

    private static readonly Dictionary<string, ProductSort> Sorts = new(StringComparer.Ordinal)
    {
        ["newest"] = ProductSort.Newest,
        ["price"] = ProductSort.Price,
        ["-price"] = ProductSort.PriceDescending,
        ["rating"] = ProductSort.Rating,
    };

    /// <summary>The query, or the error naming the first parameter that is malformed or out of range.</summary>
    public static Result<ProductQuery> Parse(ProductSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Q is { Length: > 200 })
        {
            return DomainError.Invalid("q", "must be at most 200 characters");
        }

        if (!TryGuid(request.CategoryId, out var categoryId))
        {
            return DomainError.Invalid("category_id", "must be a category id");
        }

        if (!TryLong(request.MinPrice, out var minPrice))
        {
            return DomainError.Invalid("min_price", "must be a whole number of minor units, zero or more");
        }

        if (!TryLong(request.MaxPrice, out var maxPrice))
        {
            return DomainError.Invalid("max_price", "must be a whole number of minor units, zero or more");
        }

        if (minPrice is not null && maxPrice < minPrice)
        {
            return DomainError.Invalid("max_price", "must not be less than min_price");
        }

        decimal? minRating = null;
        if (request.MinRating is not null)
        {
            if (!decimal.TryParse(request.MinRating, NumberStyles.Number, CultureInfo.InvariantCulture, out var rating) || rating is < 0 or > 5)
            {
                return DomainError.Invalid("min_rating", "must be a number from 0 to 5");
            }

            minRating = rating;
        }

        if (!TryGuid(request.SellerId, out var sellerId))
        {
            return DomainError.Invalid("seller_id", "must be a user id");
        }

        if (!TryGuid(request.BrandId, out var brandId))
        {
            return DomainError.Invalid("brand_id", "must be a brand id");
        }

        var sort = ProductSort.Newest;
        if (request.Sort is not null && !Sorts.TryGetValue(request.Sort, out sort))
        {
            return DomainError.Invalid("sort", "must be one of price, -price, newest, rating");
        }

        var limit = DefaultLimit;
        if (request.Limit is not null && (!int.TryParse(request.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return DomainError.Invalid("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        SearchCursor? after = null;
        if (request.Cursor is not null)
        {
            after = SearchCursor.Decode(request.Cursor);
            if (after is null || after.Sort != sort)
            {
                return DomainError.Invalid("cursor", "must be the next of a page of the same search");
            }
        }

        return new ProductQuery(string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim(), categoryId, minPrice, maxPrice, minRating, sellerId, sort, limit, after) { BrandId = brandId };
    }

    private static bool TryGuid(string? text, out Guid? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        var parsed = Guid.TryParse(text, out var id);
        value = id;
        return parsed;
    }

    private static bool TryLong(string? text, out long? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        var parsed = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        value = number;
        return parsed;
    }
}
