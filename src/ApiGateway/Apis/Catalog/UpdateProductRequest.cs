namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>A listing change; absent members keep their value.</summary>
public sealed record UpdateProductRequest(string? Title = null, string? Description = null, Guid? CategoryId = null, long? Price = null, IReadOnlyList<string>? Images = null, int? WeightGrams = null);
