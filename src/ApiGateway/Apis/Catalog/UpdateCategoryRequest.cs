using System.Text.Json;

namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>
/// A category change. <see cref="ParentId"/> is raw JSON so that an absent member (keep the parent) differs from an
/// explicit <c>null</c> (make the category a root). Both are optional: a rename, a move, or both.
/// </summary>
public sealed record UpdateCategoryRequest
{
    public string? Name { get; init; }

    public JsonElement ParentId { get; init; }
}
