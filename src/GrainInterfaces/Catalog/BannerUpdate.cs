namespace GrainMarket.Catalog;

/// <summary>A change of a banner; null members keep their value.</summary>
public sealed record BannerUpdate(string? Title, string? ImageUrl, string? LinkUrl, int? Position, bool? Active);
