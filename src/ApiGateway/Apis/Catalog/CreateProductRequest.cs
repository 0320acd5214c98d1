namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>A new listing; <see cref="WeightGrams"/> (one unit, for shipping quotes) is optional and defaults to <see cref="GrainMarket.Catalog.ProductWeights.DefaultGrams"/>; <see cref="BrandId"/>, optional, is one of your approved brands.</summary>
public sealed record CreateProductRequest(string? Title, Guid? CategoryId, long? Price, long? Stock, string? Description = null, IReadOnlyList<string>? Images = null, int? WeightGrams = null, Guid? BrandId = null);
