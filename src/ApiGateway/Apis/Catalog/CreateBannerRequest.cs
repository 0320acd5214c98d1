namespace GrainMarket.ApiGateway.Apis.Catalog;

public sealed record CreateBannerRequest(string? Title, string? ImageUrl, string? LinkUrl, int? Position, bool? Active);
