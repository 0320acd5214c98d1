namespace GrainMarket.Catalog;

/// <summary>A storefront banner: an image with an optional link, shown in <see cref="Position"/> order while <see cref="Active"/>.</summary>
public sealed record BannerView(Guid Id, string Title, string ImageUrl, string? LinkUrl, int Position, bool Active);
