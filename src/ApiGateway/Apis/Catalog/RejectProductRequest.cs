namespace GrainMarket.ApiGateway.Apis.Catalog;

public sealed record RejectProductRequest(string? Reason);
