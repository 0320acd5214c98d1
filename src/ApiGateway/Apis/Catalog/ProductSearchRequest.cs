using Microsoft.AspNetCore.Mvc;

namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>
/// The query string of a product search, taken as text so that a malformed value is answered with a 400 naming its
/// parameter (<see cref="ReadModels.ProductQuery.Parse"/>) rather than the framework's unnamed one.
/// Query parameters are lower case, words joined by an underscore (<c>min_price</c>).
/// </summary>
public sealed record ProductSearchRequest(
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "category_id")] string? CategoryId,
    [property: FromQuery(Name = "min_price")] string? MinPrice,
    [property: FromQuery(Name = "max_price")] string? MaxPrice,
    [property: FromQuery(Name = "min_rating")] string? MinRating,
    [property: FromQuery(Name = "seller_id")] string? SellerId,
    [property: FromQuery(Name = "sort")] string? Sort,
    [property: FromQuery(Name = "limit")] string? Limit,
    [property: FromQuery(Name = "cursor")] string? Cursor,
    [property: FromQuery(Name = "brand_id")] string? BrandId = null);
