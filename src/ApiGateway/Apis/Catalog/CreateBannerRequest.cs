namespace GrainMarket.ApiGateway.Apis.Catalog;

public sealed record CreateBannerRequest(string? Title, string? ImageUrl, string? LinkUrl = null, int? Position = null, bool? Active = null);
