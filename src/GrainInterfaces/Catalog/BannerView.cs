namespace GrainMarket.Catalog;

/// <summary>A storefront banner: an image with an optional link, shown in <see cref="Position"/> order while <see cref="Active"/>.</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.BannerView")]
public sealed record BannerView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string ImageUrl,
    [property: Id(3)] string? LinkUrl,
    [property: Id(4)] int Position,
    [property: Id(5)] bool Active);
