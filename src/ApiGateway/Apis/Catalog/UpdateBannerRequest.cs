namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>A banner change; absent members keep their value.</summary>
public sealed record UpdateBannerRequest(string? Title = null, string? ImageUrl = null, string? LinkUrl = null, int? Position = null, bool? Active = null);
