using System.Text.Json;

namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>
/// A listing change; absent members keep their value. <see cref="BrandId"/> is raw JSON so that an absent member (keep
/// the brand) differs from an explicit <c>null</c> (take the brand off); a value is one of the seller's approved brands.
/// </summary>
public sealed record UpdateProductRequest(string? Title = null, string? Description = null, Guid? CategoryId = null, long? Price = null, IReadOnlyList<string>? Images = null, int? WeightGrams = null)
{
    public JsonElement BrandId { get; init; }
}
