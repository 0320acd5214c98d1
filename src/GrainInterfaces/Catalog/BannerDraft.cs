namespace GrainMarket.Catalog;

/// <summary>A new banner; a null <see cref="Position"/> puts it last, a null <see cref="Active"/> means active.</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.BannerDraft")]
public sealed record BannerDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string ImageUrl,
    [property: Id(2)] string? LinkUrl,
    [property: Id(3)] int? Position,
    [property: Id(4)] bool? Active);
