using System.Text.Json;

namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>
/// A category change. <see cref="ParentId"/> is raw JSON so that an absent member (keep the parent) differs from an
/// explicit <c>null</c> (make the category a root).
/// </summary>
public sealed record UpdateCategoryRequest(string? Name, JsonElement ParentId);
