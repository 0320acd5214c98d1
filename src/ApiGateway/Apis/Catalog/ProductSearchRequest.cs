namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>
/// The query string of a product search, taken as text so that a malformed value is answered with a 400 naming its
/// parameter (<see cref="ReadModels.ProductQuery.Parse"/>) rather than the framework's unnamed one.
/// </summary>
public sealed record ProductSearchRequest(string? Q, string? CategoryId, string? MinPrice, string? MaxPrice, string? MinRating, string? SellerId, string? Sort, string? Limit, string? Cursor);
