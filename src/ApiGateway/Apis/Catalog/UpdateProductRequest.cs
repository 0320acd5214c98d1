namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>A listing change; absent members keep their value.</summary>
public sealed record UpdateProductRequest(string? Title, string? Description, Guid? CategoryId, long? Price, IReadOnlyList<string>? Images, int? WeightGrams = null);
