namespace GrainMarket.Brands;

/// <summary>A brand a seller proposes: its name (unique, case-insensitively, among pending and approved brands), an optional description and logo URL.</summary>
[GenerateSerializer, Immutable, Alias("gm.brands.NewBrand")]
public sealed record NewBrand(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] string? LogoUrl);
