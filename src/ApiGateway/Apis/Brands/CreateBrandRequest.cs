namespace GrainMarket.ApiGateway.Apis.Brands;

/// <summary>A brand a seller proposes: a name, and optionally a description and a logo's absolute http(s) URL.</summary>
public sealed record CreateBrandRequest(string? Name, string? Description = null, string? LogoUrl = null);
