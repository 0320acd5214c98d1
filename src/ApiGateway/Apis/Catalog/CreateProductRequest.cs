namespace GrainMarket.ApiGateway.Apis.Catalog;

public sealed record CreateProductRequest(string? Title, string? Description, Guid? CategoryId, long? Price, long? Stock, IReadOnlyList<string>? Images);
