namespace GrainMarket.Geography;

/// <summary>A province (state, territory) of a country.</summary>
[GenerateSerializer, Immutable, Alias("gm.geography.ProvinceView")]
public sealed record ProvinceView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string CountryCode,
    [property: Id(2)] string Name);
