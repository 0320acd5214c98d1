namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>A banner change; absent members keep their value.</summary>
public sealed record UpdateBannerRequest(string? Title, string? ImageUrl, string? LinkUrl, int? Position, bool? Active);
