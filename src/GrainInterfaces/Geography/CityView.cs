namespace GrainMarket.Geography;

/// <summary>A city of a province.</summary>
[GenerateSerializer, Immutable, Alias("gm.geography.CityView")]
public sealed record CityView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProvinceId,
    [property: Id(2)] string Name);
