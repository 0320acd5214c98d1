namespace GrainMarket.Geography;

/// <summary>The names of the province and city an address named by id (null where it named none).</summary>
[GenerateSerializer, Immutable, Alias("gm.geography.PlaceNames")]
public sealed record PlaceNames(
    [property: Id(0)] string? Province,
    [property: Id(1)] string? City);
