namespace GrainMarket.ApiGateway.Apis.Catalog;

public sealed record CreateCategoryRequest(string? Name, Guid? ParentId = null);
