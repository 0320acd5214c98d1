namespace GrainMarket.ApiGateway.Apis.Brands;

/// <summary>Why an admin rejects a brand; the seller reads it.</summary>
public sealed record RejectBrandRequest(string? Reason);
