namespace GrainMarket.Catalog;

/// <summary>A change of a banner; null members keep their value.</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.BannerUpdate")]
public sealed record BannerUpdate(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? ImageUrl,
    [property: Id(2)] string? LinkUrl,
    [property: Id(3)] int? Position,
    [property: Id(4)] bool? Active);
